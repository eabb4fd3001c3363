import { PackageCheck } from "lucide-react";
import { EscrowTable } from "@/components/escrow-devices/escrow-table";
import { ImportCsvDialog } from "@/components/escrow-devices/import-csv-dialog";
import { NewEscrowDeviceDialog } from "@/components/escrow-devices/new-escrow-device-dialog";
import { ExportButton } from "@/components/list/export-button";
import { LiveRecords } from "@/components/live/live-records";
import { TransferSentNotice } from "@/components/transfers/sent-notice";
import { TransferButton } from "@/components/transfers/transfer-button";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { ESCROW_STATUSES } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { deviceTypesOfAccount } from "@/lib/device-types/list";
import { pageEscrowDevices } from "@/lib/escrow-devices/list";

export const metadata = { title: "Escrow devices" };

const PER_PAGE = 50;
const SORTS: Record<string, string> = {
  "-created_at": "Newest first",
  created_at: "Oldest first",
  unique_id: "Unique ID (A–Z)",
  "-last_checkin_at": "Last check-in",
};

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function EscrowDevicesPage({ searchParams }: { searchParams: Search }) {
  const portal = await getPortal();
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 128);
  const status = (ESCROW_STATUSES as readonly string[]).includes(one(sp.status)) ? one(sp.status) : "";
  const sort = one(sp.sort) in SORTS ? one(sp.sort) : "-created_at";
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(one(sp.page), 10) || 1));

  const params = new URLSearchParams({ company_id: portal.account.id, order_by: sort, page: String(page), per_page: String(PER_PAGE) });
  if (q) params.set("unique_id_like", q);
  if (status) params.set("status", status);
  const [list, types] = await Promise.all([pageEscrowDevices(portal, params), deviceTypesOfAccount(portal, portal.account.id)]);
  const typeName = new Map(types.map((t) => [t._id, t.name]));
  const canWrite = can(portal.actor, portal.account.id, "devices.write");
  const filtered = Boolean(q || status);
  const exportButton = (
    <ExportButton resource="escrow_devices" params={{ company_id: portal.account.id, unique_id_like: q, status, order_by: sort }} />
  );
  const actions = canWrite ? (
    <>
      {list.total > 0 ? exportButton : null}
      <TransferButton accountId={portal.account.id} selection={null} label="Packing list…" variant="secondary" />
      <ImportCsvDialog />
      <NewEscrowDeviceDialog deviceTypes={types.map((t) => ({ id: t._id, name: t.name }))} />
    </>
  ) : null;

  return (
    <>
      <PageHeader
        title="Escrow devices"
        description="Gateways registered on the assembly line, waiting in escrow until you transfer them to a customer's account."
        actions={actions ?? (list.total > 0 ? exportButton : null)}
      />
      <TransferSentNotice />
      {list.total === 0 && !filtered ? (
        <EmptyState icon={<PackageCheck className="h-10 w-10" />} title="No escrow devices yet" action={actions ? <div className="flex gap-2">{actions}</div> : null}>
          Register gateways one at a time, or import thousands at once from a CSV of <code className="font-mono">unique_id,token</code> lines.
          Each gateway checks in with its token and waits here until you transfer it.
        </EmptyState>
      ) : (
        <>
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter escrow devices">
            <div className="w-72">
              <label htmlFor="q" className="mb-1 block text-xs font-medium text-slate-600">
                Search unique ID
              </label>
              <Input id="q" name="q" type="search" defaultValue={q} placeholder="e.g. acme-gw-00" className="font-mono" />
            </div>
            <div className="w-48">
              <label htmlFor="status" className="mb-1 block text-xs font-medium text-slate-600">
                Status
              </label>
              <Select id="status" name="status" defaultValue={status}>
                <option value="">All statuses</option>
                <option value="escrowed">Escrowed</option>
                <option value="transfer_pending">Transfer pending</option>
                <option value="transferred">Transferred</option>
              </Select>
            </div>
            <div className="w-48">
              <label htmlFor="sort" className="mb-1 block text-xs font-medium text-slate-600">
                Sort by
              </label>
              <Select id="sort" name="sort" defaultValue={sort}>
                {Object.entries(SORTS).map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </Select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Apply
            </button>
            {filtered ? (
              <a href="/escrow-devices" className="pb-2 text-sm text-slate-600 hover:text-slate-900">
                Clear filters
              </a>
            ) : null}
          </form>
          {list.resources.length === 0 ? (
            <EmptyState title="No escrow devices match">Try another search or status.</EmptyState>
          ) : (
            <LiveRecords
              kind="escrow-devices"
              ids={list.resources.map((e) => e._id)}
              snapshot={list.resources.map((e) => `${e.status}@${e.last_checkin_at}`).join()}
            >
            <EscrowTable
              key={`${q}|${status}|${sort}|${page}`}
              accountId={portal.account.id}
              canWrite={canWrite}
              total={list.total}
              filter={{ q, status }}
              rows={list.resources.map((e) => ({
                id: e._id,
                uniqueId: e.unique_id,
                status: e.status,
                tokenHint: e.token_hint,
                deviceTypeId: e.device_type_id,
                deviceTypeName: e.device_type_id ? (typeName.get(e.device_type_id) ?? null) : null,
                lastCheckinAt: e.last_checkin_at,
                createdAt: e.created_at as string,
              }))}
            />
            </LiveRecords>
          )}
          <Pagination page={page} perPage={PER_PAGE} total={list.total} basePath="/escrow-devices" params={{ q, status, sort: sort === "-created_at" ? "" : sort }} />
        </>
      )}
    </>
  );
}
