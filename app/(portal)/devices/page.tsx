import { Cpu } from "lucide-react";
import Link from "next/link";
import { ExportButton } from "@/components/list/export-button";
import { LiveRecords, LiveStatus, LiveTime } from "@/components/live/live-records";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { getPortal } from "@/lib/auth/portal";
import { deviceTypesOfAccount } from "@/lib/device-types/list";
import { pageDevices } from "@/lib/devices/list";
import { HEARTBEAT_STATUSES } from "@/lib/devices/schemas";

export const metadata = { title: "Devices" };
const PER_PAGE = 50;
type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function DevicesPage({ searchParams }: { searchParams: Search }) {
  const portal = await getPortal();
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 128);
  const status = (HEARTBEAT_STATUSES as readonly string[]).includes(one(sp.status)) ? one(sp.status) : "";
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(one(sp.page), 10) || 1));
  const params = new URLSearchParams({ company_id: portal.account.id, page: String(page), per_page: String(PER_PAGE) });
  if (q) params.set("unique_id_like", q);
  if (status) params.set("heartbeat_status", status);
  const [list, types] = await Promise.all([pageDevices(portal, params), deviceTypesOfAccount(portal, portal.account.id)]);
  const typeName = new Map(types.map((t) => [t._id, t.name]));
  const filtered = Boolean(q || status);

  return (
    <>
      <PageHeader
        title="Devices"
        description="Gateways transferred into this account. They report heartbeats once they have received their configuration."
        actions={list.total > 0 ? <ExportButton resource="devices" params={{ company_id: portal.account.id, unique_id_like: q, heartbeat_status: status }} /> : null}
      />
      {list.total === 0 && !filtered ? (
        <EmptyState icon={<Cpu className="h-10 w-10" />} title="No devices yet">
          Devices appear here when you accept a transfer request from a manufacturer. See <Link href="/transfers" className="text-indigo-700 hover:underline">Transfers</Link>.
        </EmptyState>
      ) : (
        <>
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter devices">
            <div className="w-72">
              <label htmlFor="q" className="mb-1 block text-xs font-medium text-slate-600">
                Search unique ID
              </label>
              <Input id="q" name="q" type="search" defaultValue={q} className="font-mono" />
            </div>
            <div className="w-48">
              <label htmlFor="status" className="mb-1 block text-xs font-medium text-slate-600">
                Heartbeat status
              </label>
              <Select id="status" name="status" defaultValue={status}>
                <option value="">All</option>
                <option value="online">Online</option>
                <option value="offline">Offline</option>
                <option value="never_reported">Never reported</option>
              </Select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Apply
            </button>
          </form>
          {list.resources.length === 0 ? (
            <EmptyState title="No devices match">Try another search or status.</EmptyState>
          ) : (
            <LiveRecords kind="devices" ids={list.resources.map((d) => d._id)}>
            <TableWrap>
              <Table>
                <THead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Unique ID</Th>
                    <Th>Heartbeat</Th>
                    <Th>Last heartbeat</Th>
                    <Th>Device type</Th>
                    <Th>Tags</Th>
                    <Th>Created</Th>
                  </tr>
                </THead>
                <TBody>
                  {list.resources.map((d) => (
                    <tr key={d._id} className="hover:bg-slate-50">
                      <Td>
                        <Link href={`/devices/${d._id}`} className="font-medium text-indigo-700 hover:underline">
                          {d.name}
                        </Link>
                      </Td>
                      <Td className="font-mono text-xs">{d.unique_id}</Td>
                      <Td>
                        <LiveStatus id={d._id} field="heartbeat_status" initial={d.heartbeat_status} />
                      </Td>
                      <Td>
                        <LiveTime id={d._id} field="heartbeat_at" initial={d.heartbeat_at} relative />
                      </Td>
                      <Td>{typeName.get(d.device_type_id) ?? <span className="text-slate-400">—</span>}</Td>
                      <Td>
                        <div className="flex gap-1">
                          {d.tags.map((t) => (
                            <Badge key={t}>{t}</Badge>
                          ))}
                        </div>
                      </Td>
                      <Td className="text-slate-500">
                        <Time value={d.created_at} />
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </TableWrap>
            </LiveRecords>
          )}
          <Pagination page={page} perPage={PER_PAGE} total={list.total} basePath="/devices" params={{ q, status }} />
        </>
      )}
    </>
  );
}
