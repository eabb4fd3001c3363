import { ArrowDownLeft, ArrowUpRight, ChevronRight, Inbox, PackageCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EventSentence } from "@/components/activity/event-sentence";
import { DeviceStatusChart } from "@/components/dashboard/device-status-chart";
import { StatusBadge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Card, PageHeader } from "@/components/ui/page";
import { Time } from "@/components/ui/time";
import type { EventJson } from "@/lib/audit/describe";
import { describeEvent } from "@/lib/audit/describe";
import { listEvents } from "@/lib/audit/list";
import { transferPartiesOf } from "@/lib/audit/subjects";
import { getPortal } from "@/lib/auth/portal";
import { dashboardCounts, total } from "@/lib/dashboard/summary";
import { plural } from "@/lib/text";
import { listInbox } from "@/lib/transfers/inbox";

export const metadata: Metadata = { title: "Overview" };

function Stat({ label, value, href, tone = "slate", testId }: { label: string; value: number; href: string; tone?: "slate" | "amber"; testId: string }) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className={cn(
        "group flex flex-col rounded-lg bg-white px-4 py-3 shadow-sm ring-1 hover:ring-indigo-300",
        tone === "amber" && value > 0 ? "ring-amber-300" : "ring-slate-200",
      )}
    >
      <span className="text-xs font-medium text-slate-500">{label}</span>
      <span className="mt-1 flex items-center justify-between text-2xl font-semibold tabular-nums text-slate-900">
        <span data-count={value}>{value.toLocaleString("en-US")}</span>
        <ChevronRight className="h-4 w-4 text-slate-300 group-hover:text-indigo-500" aria-hidden="true" />
      </span>
    </Link>
  );
}

export default async function OverviewPage() {
  const portal = await getPortal();
  const { account } = portal;
  const q = new URLSearchParams({ company_id: account.id, page_meta: "true", per_page: "6" });
  const [counts, incoming, outgoing, events] = await Promise.all([
    dashboardCounts(portal, account.id),
    listInbox(portal, { accountId: account.id, direction: "incoming", perPage: 5 }),
    listInbox(portal, { accountId: account.id, direction: "outgoing", perPage: 5 }),
    listEvents(portal, q) as Promise<{ resources: EventJson[] }>,
  ]);
  const parties = await transferPartiesOf(
    portal,
    events.resources.filter((e) => e.subject_type === "transfer_request" && e.subject_id).map((e) => e.subject_id as string),
  );
  const escrowTotal = total(counts.escrow);
  const devicesTotal = total(counts.devices);
  // A customer (devices, no escrow) sees its devices first; a manufacturer its escrow devices.
  const manufacturer = escrowTotal > 0 || devicesTotal === 0;
  const recent = [...incoming.rows.map((r) => ({ ...r, dir: "incoming" as const })), ...outgoing.rows.map((r) => ({ ...r, dir: "outgoing" as const }))]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, 5);

  const escrowCard = (
    <Card title="Escrow devices" actions={<Link href="/escrow-devices" className="text-xs font-medium text-indigo-700 hover:underline">All {escrowTotal.toLocaleString("en-US")}</Link>}>
      {escrowTotal === 0 ? (
        <p className="text-sm text-slate-600">
          Shipping gateways to customers? <Link href="/escrow-devices" className="font-medium text-indigo-700 hover:underline">Register escrow devices</Link> one at a time or from a CSV file.
        </p>
      ) : (
        <div className="grid grid-cols-3 gap-2 sm:gap-3">
          <Stat label="Escrowed" value={counts.escrow.escrowed} href="/escrow-devices?status=escrowed" testId="escrow-escrowed" />
          <Stat label="Transfer pending" value={counts.escrow.transfer_pending} href="/escrow-devices?status=transfer_pending" testId="escrow-transfer_pending" />
          <Stat label="Transferred" value={counts.escrow.transferred} href="/escrow-devices?status=transferred" testId="escrow-transferred" />
        </div>
      )}
    </Card>
  );
  const devicesCard = (
    <Card title="Devices" actions={<Link href="/devices" className="text-xs font-medium text-indigo-700 hover:underline">All {devicesTotal.toLocaleString("en-US")}</Link>}>
      {devicesTotal === 0 ? (
        <p className="text-sm text-slate-600">
          No devices yet. They appear here when an admin accepts an incoming transfer, and come online once each gateway has checked in.
        </p>
      ) : (
        <DeviceStatusChart counts={counts.devices} />
      )}
    </Card>
  );

  return (
    <>
      <PageHeader title="Overview" description={`${account.name} at a glance. Every number opens the list behind it.`} />
      <div className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Stat label="Incoming requests waiting" value={counts.incoming.pending} href="/transfers?tab=incoming&status=pending" tone="amber" testId="incoming-pending" />
        <Stat label="Outgoing requests pending" value={counts.outgoing.pending} href="/transfers?tab=outgoing&status=pending" testId="outgoing-pending" />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {manufacturer ? escrowCard : devicesCard}
        {manufacturer ? devicesCard : escrowCard}
        <Card title="Recent transfers" actions={<Link href="/transfers" className="text-xs font-medium text-indigo-700 hover:underline">All transfers</Link>}>
          {recent.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-slate-600">
              <Inbox className="h-4 w-4 text-slate-400" aria-hidden="true" /> No transfers yet.
            </p>
          ) : (
            <ul className="-my-2 divide-y divide-slate-100">
              {recent.map((t) => (
                <li key={`${t.dir}-${t.id}`}>
                  <Link href={`/transfers/${t.id}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm hover:bg-slate-50">
                    {t.dir === "incoming" ? (
                      <ArrowDownLeft className="h-4 w-4 shrink-0 text-emerald-600" aria-label="Incoming" />
                    ) : (
                      <ArrowUpRight className="h-4 w-4 shrink-0 text-indigo-600" aria-label="Outgoing" />
                    )}
                    <span className="min-w-0 flex-1 truncate">
                      <span className="font-medium text-slate-900">{t.counterpartyName}</span>
                      <span className="text-slate-500"> · {plural(t.deviceCount, "device")} · {t.deviceTypeName}</span>
                    </span>
                    <StatusBadge status={t.status} />
                    <span className="text-xs text-slate-500">
                      <Time value={t.createdAt} relative />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Recent activity" actions={<Link href="/activity" className="text-xs font-medium text-indigo-700 hover:underline">All activity</Link>}>
          {events.resources.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-slate-600">
              <PackageCheck className="h-4 w-4 text-slate-400" aria-hidden="true" /> Nothing has happened here yet.
            </p>
          ) : (
            <ul className="-my-2 divide-y divide-slate-100">
              {events.resources.map((e) => (
                <li key={e._id} className="py-2">
                  <EventSentence segments={describeEvent(e, parties)} />
                  <div className="text-xs text-slate-500">
                    <Time value={e.created_at} relative />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
