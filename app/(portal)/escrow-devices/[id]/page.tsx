import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventSentence } from "@/components/activity/event-sentence";
import { DeleteEscrowDeviceButton, RotateTokenButton } from "@/components/escrow-devices/escrow-actions";
import { EscrowTimeline } from "@/components/escrow-devices/timeline";
import { LiveRecords, LiveStatus, LiveTime } from "@/components/live/live-records";
import { Card, Details, PageHeader } from "@/components/ui/page";
import { Time } from "@/components/ui/time";
import { describeEvent } from "@/lib/audit/describe";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { findVisibleDeviceType } from "@/lib/device-types/get";
import { AppError } from "@/lib/errors";
import { getEscrowDevice } from "@/lib/escrow-devices/get";
import { getEscrowTimeline } from "@/lib/escrow-devices/timeline";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const portal = await getPortal();
  const { id } = await params;
  const record = await getEscrowDevice(portal, id).catch(() => null);
  return { title: record ? `${record.unique_id} · Escrow devices` : "Not found" };
}

export default async function EscrowDevicePage({ params }: { params: Promise<{ id: string }> }) {
  const portal = await getPortal();
  const { id } = await params;
  const data = await getEscrowTimeline(portal, id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const e = data.escrowDevice;
  const type = e.device_type_id ? await findVisibleDeviceType(portal, e.device_type_id).catch(() => null) : null;
  const canWrite = can(portal.actor, e.company_id, "devices.write");
  const transferLink = data.transfer ? (
    <Link href={`/transfers/${data.transfer.id}`} className="font-medium underline">
      transfer {data.transfer.id.slice(0, 4)}…
    </Link>
  ) : (
    "a transfer request"
  );

  return (
    <LiveRecords kind="escrow-devices" ids={[e._id]} snapshot={`${e.status}@${e.last_checkin_at}`}>
      <Link href="/escrow-devices" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ChevronLeft className="h-4 w-4" aria-hidden="true" /> Escrow devices
      </Link>
      <PageHeader
        title={e.unique_id}
        description={<LiveStatus id={e._id} field="status" initial={e.status} />}
        actions={
          // Only an escrowed device can change; a pending one waits for the decision and a
          // transferred one is the record of the handover.
          canWrite && e.status === "escrowed" ? (
            <>
              <RotateTokenButton id={e._id} uniqueId={e.unique_id} />
              <DeleteEscrowDeviceButton id={e._id} uniqueId={e.unique_id} />
            </>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Details">
            <Details
              items={[
                ["Unique ID", <span key="u" className="font-mono">{e.unique_id}</span>],
                ["Status", <LiveStatus key="s" id={e._id} field="status" initial={e.status} />],
                ["Token", <span key="t" className="font-mono text-slate-600">…{e.token_hint}</span>],
                ["Device type", type ? <Link key="d" href={`/device-types/${type.id}`} className="text-indigo-700 hover:underline">{type.name}</Link> : "None"],
                ["Last check-in", <LiveTime key="l" id={e._id} field="last_checkin_at" initial={e.last_checkin_at} relative />],
                ["Created", <Time key="c" value={e.created_at} />],
                ["Transfer requested", e.transfer_initiated_at ? <Time key="ti" value={e.transfer_initiated_at} /> : "—"],
                ["Transferred", e.transfer_completed_at ? <Time key="tc" value={e.transfer_completed_at} /> : "—"],
                ["ID", <span key="i" className="font-mono text-xs">{e._id}</span>],
              ]}
            />
            {e.status === "transfer_pending" ? (
              <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
                In {transferLink}
                {data.transfer ? ` to ${data.transfer.toName}` : ""}, waiting for their decision. Until it is decided or cancelled, this escrow device cannot be deleted and its token cannot change.
              </p>
            ) : null}
            {e.status === "transferred" ? (
              <p className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
                Handed over{data.transfer ? ` to ${data.transfer.toName}` : ""} by {transferLink}. This record stays as proof of the handover.
              </p>
            ) : null}
          </Card>
          <Card title="History">
            {data.events.length ? (
              <ol className="divide-y divide-slate-100">
                {data.events.map((ev) => (
                  <li key={ev._id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                    <EventSentence segments={describeEvent(ev, new Map())} />
                    <span className="shrink-0 text-xs text-slate-500">
                      <Time value={ev.created_at} />
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-slate-500">
                Registered in bulk, with others;{" "}
                <Link href="/activity?action=escrow_device.import" className="font-medium text-indigo-700 hover:underline">
                  see the imports in Activity
                </Link>
                .
              </p>
            )}
          </Card>
        </div>
        <Card title="Timeline">
          <EscrowTimeline steps={data.steps} />
          <p className="mt-5 border-t border-slate-100 pt-3 text-sm text-slate-600">
            Last check-in: <LiveTime id={e._id} field="last_checkin_at" initial={data.lastCheckinAt} relative never="never" />
          </p>
        </Card>
      </div>
    </LiveRecords>
  );
}
