import { ArrowDownLeft, ArrowUpRight, Inbox, Send } from "lucide-react";
import Link from "next/link";
import { TabCount } from "@/components/dashboard/tab-count";
import { ExportButton } from "@/components/list/export-button";
import { StatusBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { TRANSFER_STATUSES, type TransferStatus } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { dashboardCounts, total as sumCounts } from "@/lib/dashboard/summary";
import { type Direction, listInbox } from "@/lib/transfers/inbox";

export const metadata = { title: "Transfers" };
const PER_PAGE = 25;

export default async function TransfersPage({ searchParams }: { searchParams: Promise<{ tab?: string; status?: string; page?: string }> }) {
  const sp = await searchParams;
  const { db, actor, account } = await getPortal();
  const tab: Direction = sp.tab === "outgoing" ? "outgoing" : "incoming";
  const status = (TRANSFER_STATUSES as readonly string[]).includes(sp.status ?? "") ? (sp.status as TransferStatus) : null;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const [{ rows, total }, counts] = await Promise.all([
    listInbox({ db, actor }, { accountId: account.id, direction: tab, status, page, perPage: PER_PAGE }),
    dashboardCounts({ db, actor }, account.id),
  ]);
  const canDecide = can(actor, account.id, "transfers.decide");
  const href = (p: { tab?: Direction; status?: string | null }) => {
    const q = new URLSearchParams({ tab: p.tab ?? tab });
    const s = p.status === undefined ? status : p.status;
    if (s) q.set("status", s);
    return `/transfers?${q}`;
  };

  return (
    <>
      <PageHeader
        title="Transfers"
        description={`Device transfer requests of ${account.name}: offers from other accounts to accept or reject, and the escrow devices you have offered to customers.`}
        actions={
          <>
            <ExportButton
              resource="device_transfer_requests"
              params={{ [tab === "incoming" ? "to_company_id" : "from_company_id"]: account.id, status }}
            />
            <Link href="/escrow-devices" className={buttonClass("secondary")}>
              <Send className="h-4 w-4" aria-hidden="true" /> New transfer from escrow devices
            </Link>
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3 border-b border-slate-200">
        <nav aria-label="Direction" className="-mb-px flex gap-6">
          {(["incoming", "outgoing"] as const).map((d) => (
            <Link
              key={d}
              href={href({ tab: d, status: null })}
              aria-current={tab === d ? "page" : undefined}
              className={cn(
                "flex items-center gap-1.5 border-b-2 px-1 pb-3 text-sm font-medium",
                tab === d ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
              )}
            >
              {d === "incoming" ? <ArrowDownLeft className="h-4 w-4" aria-hidden="true" /> : <ArrowUpRight className="h-4 w-4" aria-hidden="true" />}
              {d === "incoming" ? "Incoming" : "Outgoing"}
              <TabCount all={sumCounts(counts[d])} pending={counts[d].pending} />
            </Link>
          ))}
        </nav>
        <nav aria-label="Filter by status" className="mb-2 flex flex-wrap gap-1.5">
          {[null, ...TRANSFER_STATUSES].map((s) => (
            <Link
              key={s ?? "all"}
              href={href({ status: s })}
              aria-current={status === s ? "true" : undefined}
              className={cn(
                "rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset",
                status === s ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50",
              )}
            >
              {s ? s.charAt(0).toUpperCase() + s.slice(1) : "All"}
            </Link>
          ))}
        </nav>
      </div>

      {rows.length === 0 ? (
        <EmptyState
          icon={tab === "incoming" ? <Inbox className="h-8 w-8" /> : <Send className="h-8 w-8" />}
          title={status ? `No ${status} ${tab} transfers` : tab === "incoming" ? "No incoming transfers yet" : "No outgoing transfers yet"}
          action={
            tab === "outgoing" && !status ? (
              <Link href="/escrow-devices" className={buttonClass("primary")}>
                Choose escrow devices to transfer
              </Link>
            ) : undefined
          }
        >
          {tab === "incoming"
            ? "When a manufacturer offers gateways to this account, the request appears here for an admin to accept or reject."
            : "Select escrow devices and use Transfer… to offer them to a customer's account."}
        </EmptyState>
      ) : (
        <>
          <TableWrap>
            <Table fold>
              <caption className="sr-only">{tab === "incoming" ? "Incoming transfers" : "Outgoing transfers"}</caption>
              <THead>
                <tr>
                  <Th>Status</Th>
                  <Th>{tab === "incoming" ? "From" : "To"}</Th>
                  <Th>Device type</Th>
                  <Th className="text-right">Devices</Th>
                  <Th>Created</Th>
                  <Th>Decided</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </THead>
              <TBody>
                {rows.map((r) => (
                  <tr key={r.id} className="hover:bg-slate-50">
                    <Td label="Status">
                      <StatusBadge status={r.status} />
                      {r.autoAccepted ? <span className="ml-1.5 text-xs text-emerald-700">automatically</span> : null}
                    </Td>
                    <Td className="font-medium text-slate-900 max-md:order-first">
                      <Link href={`/transfers/${r.id}`} className="hover:text-indigo-700 hover:underline">
                        {r.counterpartyName}
                      </Link>
                    </Td>
                    <Td label="Device type">{r.deviceTypeName}</Td>
                    <Td label="Devices" className="text-right tabular-nums">
                      {r.deviceCount.toLocaleString("en-US")}
                    </Td>
                    <Td label="Created">
                      <Time value={r.createdAt} />
                    </Td>
                    <Td label="Decided">
                      {r.decidedAt ? (
                        <Time value={r.decidedAt} />
                      ) : r.status === "pending" && r.expiresAt ? (
                        <span className="text-slate-500">
                          expires <Time value={r.expiresAt} />
                        </span>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </Td>
                    <Td actions className="text-right">
                      <Link
                        href={`/transfers/${r.id}`}
                        className={buttonClass(tab === "incoming" && r.status === "pending" && canDecide ? "primary" : "secondary", "sm")}
                      >
                        {tab === "incoming" && r.status === "pending" && canDecide ? "Review" : "View"}
                      </Link>
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </TableWrap>
          <Pagination page={page} perPage={PER_PAGE} total={total} basePath="/transfers" params={{ tab, status: status ?? undefined }} />
        </>
      )}
    </>
  );
}
