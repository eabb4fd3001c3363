import { History } from "lucide-react";
import { ActionLabel } from "@/components/activity/action-label";
import { ExportButton } from "@/components/list/export-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { TBody, THead, Table, TableWrap, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { listEvents } from "@/lib/audit/list";
import { getPortal } from "@/lib/auth/portal";
import { AppError } from "@/lib/errors";

export const metadata = { title: "Activity" };
const PER_PAGE = 50;

type ListPage = { resources: Awaited<ReturnType<typeof listEvents>> extends infer R ? (R extends { resources: infer X } ? X : never) : never; total: number };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<{ page?: string; action?: string }> }) {
  const sp = await searchParams;
  const { db, actor, account } = await getPortal();
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const q = new URLSearchParams({ company_id: account.id, page_meta: "true", per_page: String(PER_PAGE), page: String(page) });
  if (sp.action) q.set("action_like", sp.action);
  let data: ListPage;
  try {
    data = (await listEvents({ db, actor }, q)) as ListPage;
  } catch (err) {
    if (err instanceof AppError) data = { resources: [], total: 0 };
    else throw err;
  }
  return (
    <>
      <PageHeader
        title="Activity"
        description={`Everything that happened in ${account.name}: who did what, and when. The trail is append-only.`}
        actions={<ExportButton resource="events" params={Object.fromEntries([...q].filter(([k]) => !["page", "per_page", "page_meta"].includes(k)))} />}
      />
      <form className="mb-4 flex gap-2" action="/activity">
        <label htmlFor="action-filter" className="sr-only">
          Filter by action
        </label>
        <input
          id="action-filter"
          name="action"
          defaultValue={sp.action}
          placeholder="Filter by action, e.g. transfer"
          className="w-72 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        />
        <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-semibold shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Filter
        </button>
      </form>
      {data.resources.length === 0 ? (
        <EmptyState icon={<History className="h-8 w-8" />} title="No activity yet">
          Events appear here as escrow devices are registered, transfers are decided and gateways come online.
        </EmptyState>
      ) : (
        <>
          <TableWrap>
            <Table>
              <THead>
                <tr>
                  <Th>When</Th>
                  <Th>Action</Th>
                  <Th>By</Th>
                  <Th>Subject</Th>
                  <Th>Details</Th>
                </tr>
              </THead>
              <TBody>
                {data.resources.map((e) => (
                  <tr key={e._id}>
                    <Td>
                      <Time value={e.created_at} />
                    </Td>
                    <Td>
                      <ActionLabel action={e.action} />
                    </Td>
                    <Td>
                      <span className="text-slate-900">{e.actor}</span>{" "}
                      {e.actor_type !== "user" ? <Badge tone="gray">{e.actor_type.replace("_", " ")}</Badge> : null}
                    </Td>
                    <Td className="font-mono text-xs text-slate-500">
                      {e.subject_type}
                      {e.subject_id ? ` ${e.subject_id.slice(0, 8)}…` : ""}
                    </Td>
                    <Td className="max-w-md truncate font-mono text-xs text-slate-500" title={JSON.stringify(e.detail)}>
                      {summarize(e.detail)}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </TableWrap>
          <Pagination page={page} perPage={PER_PAGE} total={data.total} basePath="/activity" params={{ action: sp.action }} />
        </>
      )}
    </>
  );
}

function summarize(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join("  ");
}
