import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteEscrowDeviceButton, RotateTokenButton } from "@/components/escrow-devices/escrow-actions";
import { EscrowTimeline } from "@/components/escrow-devices/timeline";
import { StatusBadge } from "@/components/ui/badge";
import { Card, Details, PageHeader } from "@/components/ui/page";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { findVisibleDeviceType } from "@/lib/device-types/get";
import { AppError } from "@/lib/errors";
import { getEscrowTimeline } from "@/lib/escrow-devices/timeline";
import { transferOfEscrowDevice } from "@/lib/transfers/for-escrow-device";

export const metadata = { title: "Escrow device · Handoff" };

const ACTION_LABELS: Record<string, string> = {
  "escrow_device.create": "Registered",
  "escrow_device.update": "Updated",
  "escrow_device.rotate_token": "Token rotated",
};

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
  const transfer = e.status === "escrowed" ? null : await transferOfEscrowDevice(portal, { id: e._id, accountId: e.company_id });

  return (
    <>
      <Link href="/escrow-devices" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ChevronLeft className="h-4 w-4" aria-hidden="true" /> Escrow devices
      </Link>
      <PageHeader
        title={e.unique_id}
        description={<StatusBadge status={e.status} />}
        actions={
          canWrite ? (
            <>
              {e.status === "escrowed" ? <RotateTokenButton id={e._id} uniqueId={e.unique_id} /> : null}
              <DeleteEscrowDeviceButton id={e._id} uniqueId={e.unique_id} disabled={e.status === "transfer_pending"} />
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
                ["Status", <StatusBadge key="s" status={e.status} />],
                ["Token", <span key="t" className="font-mono text-slate-600">…{e.token_hint}</span>],
                ["Device type", type ? <Link key="d" href={`/device-types/${type.id}`} className="text-indigo-700 hover:underline">{type.name}</Link> : "None"],
                ["Last check-in", e.last_checkin_at ? <Time key="l" value={e.last_checkin_at} relative /> : "Never"],
                ["Created", <Time key="c" value={e.created_at} />],
                [
                  "Transfer",
                  transfer ? (
                    <span key="tr" className="break-normal">
                      <Link href={`/transfers/${transfer.id}`} className="text-indigo-700 hover:underline">
                        Transfer request
                      </Link>{" "}
                      to <span className="font-medium">{transfer.counterpartyName}</span>
                      <span className="block text-xs text-slate-500">
                        {transfer.status === "pending" ? "Pending" : transfer.status === "accepted" ? "Accepted" : transfer.status}
                        {transfer.autoAccepted ? " automatically (trusted sender)" : ""}
                      </span>
                    </span>
                  ) : (
                    "None"
                  ),
                ],
                ["Transfer requested", e.transfer_initiated_at ? <Time key="ti" value={e.transfer_initiated_at} /> : "—"],
                ["Transferred", e.transfer_completed_at ? <Time key="tc" value={e.transfer_completed_at} /> : "—"],
                ["ID", <span key="i" className="font-mono text-xs">{e._id}</span>],
              ]}
            />
            {e.status === "transfer_pending" ? (
              <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
                This escrow device is in a pending transfer request: it cannot be deleted and its token cannot change until the request is decided or cancelled.
              </p>
            ) : null}
            {e.status === "transferred" ? (
              <p className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
                Handed over: this record stays as proof of the transfer and can no longer change.
              </p>
            ) : null}
          </Card>
          <Card title="History">
            {data.events.length ? (
              <ul className="divide-y divide-slate-100">
                {data.events.map((ev) => (
                  <li key={ev._id} className="flex items-center justify-between py-2 text-sm">
                    <span className="text-slate-900">{ACTION_LABELS[ev.action] ?? ev.action}</span>
                    <span className="text-slate-500">
                      {ev.actor} · <Time value={ev.created_at} />
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">Imported in bulk; see Activity for the import.</p>
            )}
          </Card>
        </div>
        <Card title="Timeline">
          <EscrowTimeline steps={data.steps} />
        </Card>
      </div>
    </>
  );
}
