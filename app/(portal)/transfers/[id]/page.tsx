import { ArrowLeft, ArrowRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionLabel } from "@/components/activity/action-label";
import { ExportButton } from "@/components/list/export-button";
import { AcceptDialog } from "@/components/transfers/accept-dialog";
import { ActivationPanel } from "@/components/transfers/activation-panel";
import { CancelTransferButton } from "@/components/transfers/cancel-button";
import { ItemStateBadge } from "@/components/transfers/item-state-badge";
import { StatusBadge } from "@/components/ui/badge";
import { Card, Details } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { getPortal } from "@/lib/auth/portal";
import { AppError } from "@/lib/errors";
import { loadVisibleTransfer } from "@/lib/transfers/access";
import { getTransferDetail } from "@/lib/transfers/detail";
import { deviceTypeOptions } from "@/lib/transfers/inbox";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const portal = await getPortal();
  const { id } = await params;
  const t = await loadVisibleTransfer(portal.db, portal.actor, id).catch(() => null);
  return { title: t ? `Transfer ${t.id.slice(0, 8)} · ${t.deviceCount} ${t.deviceCount === 1 ? "device" : "devices"} · Transfers` : "Not found" };
}

const RESOLUTION_LABEL = { override: "chosen on accept", reuse: "reused earlier copy", copy: "copied on accept" } as const;

function detailLine(d: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof d.device_count === "number") parts.push(`${d.device_count} devices`);
  if (typeof d.created === "number") parts.push(`${d.created} created`);
  if (typeof d.failed === "number" && d.failed > 0) parts.push(`${d.failed} failed`);
  if (typeof d.resolution === "string") parts.push(`device type: ${d.resolution}`);
  if (typeof d.reason === "string") parts.push(`reason: “${d.reason}”`);
  return parts.join(" · ");
}

export default async function TransferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, actor, account } = await getPortal();
  let d: Awaited<ReturnType<typeof getTransferDetail>>;
  try {
    d = await getTransferDetail({ db, actor }, id, account.id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  const t = d.transfer;
  const incoming = d.direction === "incoming";
  const ourTypes = d.canDecide && incoming ? await deviceTypeOptions({ db, actor }, t.to_company_id) : [];
  const errors = Object.entries(t.errors ?? {});
  const counts = d.stateCounts;

  return (
    <>
      <Link href={`/transfers?tab=${d.direction}`} className="mb-4 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="h-4 w-4" aria-hidden="true" /> {incoming ? "Incoming" : "Outgoing"} transfers
      </Link>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{incoming ? `Transfer from ${d.fromName}` : `Transfer to ${d.toName}`}</h1>
            <StatusBadge status={t.status} />
            {t.auto_accepted ? <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">Accepted automatically</span> : null}
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {d.fromName} <ArrowRight className="mx-0.5 inline h-3.5 w-3.5 align-[-2px]" aria-hidden="true" /> {d.toName} · {t.device_count.toLocaleString("en-US")} device
            {t.device_count === 1 ? "" : "s"} · <span className="break-all font-mono text-xs text-slate-400">{t._id}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ExportButton href={`/api/portal/transfers/${t._id}/export`} label="Export devices" />
          {d.isDestinationAdmin && incoming ? (
            <AcceptDialog
              pending={d.canDecide}
              requestId={t._id}
              fromName={d.fromName}
              deviceCount={t.device_count}
              uniqueIds={d.items.map((i) => i.uniqueId)}
              deviceTypes={ourTypes}
            />
          ) : null}
          {d.canCancel && !incoming ? <CancelTransferButton requestId={t._id} toName={d.toName} deviceCount={t.device_count} /> : null}
        </div>
      </div>

      {t.status === "pending" && incoming && !d.canDecide ? (
        <p className="mb-6 rounded-md bg-slate-50 p-3 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">Waiting for an admin of {d.toName} to accept or reject this request.</p>
      ) : null}

      <div className="space-y-6">
        <ActivationPanel id={t._id} initialStatus={t.status} />
        <Card title="Summary">
          <Details
            items={[
              ["From", d.fromName],
              ["To", d.toName],
              ["Device type sent", d.deviceTypeName],
              [
                "Resolved device type",
                t.resolved_device_type_id ? (
                  <>
                    {d.resolvedDeviceTypeName ?? "deleted type"}
                    {d.resolution ? <span className="text-slate-500"> ({RESOLUTION_LABEL[d.resolution]})</span> : null}
                  </>
                ) : null,
              ],
              [
                "Devices",
                <span key="c" className="tabular-nums">
                  {t.device_count.toLocaleString("en-US")}
                  {counts.transferred ? ` · ${counts.transferred.toLocaleString("en-US")} transferred` : ""}
                  {counts.failed ? ` · ${counts.failed.toLocaleString("en-US")} failed` : ""}
                </span>,
              ],
              ["Created", <Time key="c" value={t.created_at} />],
              ["Expires", t.expires_at ? <Time key="e" value={t.expires_at} /> : "Never"],
              [
                "Decided",
                t.decided_at ? (
                  <span key="d">
                    <Time value={t.decided_at} />
                    {t.auto_accepted ? <span className="text-slate-500"> (automatically: {d.toName} trusts {d.fromName})</span> : null}
                  </span>
                ) : null,
              ],
              ...(t.reason ? ([["Reason", t.reason]] as [string, string][]) : []),
            ]}
          />
        </Card>

        {errors.length ? (
          <Card title={`Errors (${errors.length})`}>
            <ul className="space-y-1 text-sm text-red-700">
              {errors.slice(0, 200).map(([k, v]) => (
                <li key={k}>{v}</li>
              ))}
            </ul>
          </Card>
        ) : null}

        <section>
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Devices</h2>
          <TableWrap>
            <Table fold>
              <caption className="sr-only">Devices in this transfer</caption>
              <THead>
                <tr>
                  <Th>Unique id</Th>
                  <Th>State</Th>
                  <Th>{incoming ? "Device" : "Escrow device"}</Th>
                  <Th>Note</Th>
                </tr>
              </THead>
              <TBody>
                {d.items.map((i) => (
                  <tr key={i.escrowDeviceId}>
                    <Td className="font-mono text-xs text-slate-900">{i.uniqueId}</Td>
                    <Td label="State">
                      <ItemStateBadge state={i.state} />
                    </Td>
                    <Td label={incoming ? "Device" : "Escrow device"}>
                      {incoming ? (
                        i.deviceId ? (
                          <Link className="text-indigo-700 hover:underline" href={`/devices/${i.deviceId}`}>
                            Open device
                          </Link>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )
                      ) : (
                        <Link className="text-indigo-700 hover:underline" href={`/escrow-devices/${i.escrowDeviceId}`}>
                          Open escrow device
                        </Link>
                      )}
                    </Td>
                    <Td label="Note" className="whitespace-normal text-slate-500 max-md:empty:hidden">
                      {i.error || null}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </TableWrap>
          {t.device_count > d.itemsShown ? <p className="mt-2 text-xs text-slate-500">Showing the first {d.itemsShown.toLocaleString("en-US")} of {t.device_count.toLocaleString("en-US")} devices.</p> : null}
        </section>

        <Card title="History">
          {d.history.length === 0 ? (
            <p className="text-sm text-slate-500">No events recorded.</p>
          ) : (
            <ol className="relative space-y-4 border-l border-slate-200 pl-5">
              {d.history.map((h) => (
                <li key={h.id} className="text-sm">
                  <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full bg-white ring-2 ring-indigo-400" aria-hidden="true" />
                  <div className="flex flex-wrap items-center gap-2">
                    <ActionLabel action={h.action} />
                    <span className="text-slate-900">{h.actor}</span>
                    <span className="text-slate-400">
                      <Time value={h.createdAt} />
                    </span>
                  </div>
                  {detailLine(h.detail) ? <p className="mt-0.5 text-slate-500">{detailLine(h.detail)}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
