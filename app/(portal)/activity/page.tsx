import { History } from "lucide-react";
import Link from "next/link";
import { ACTION_GROUPS, GROUP_PREFIXES, KNOWN_ACTIONS } from "@/components/activity/actions";
import { EventSentence } from "@/components/activity/event-sentence";
import { ExportButton } from "@/components/list/export-button";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DateInput, parseIsoDate, Select } from "@/components/ui/field";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { Time } from "@/components/ui/time";
import { auditActors } from "@/lib/audit/actors";
import { describeEvent, type EventJson } from "@/lib/audit/describe";
import { listEvents } from "@/lib/audit/list";
import { transferPartiesOf } from "@/lib/audit/subjects";
import { getPortal } from "@/lib/auth/portal";

export const metadata = { title: "Activity" };
const PER_PAGE = 50;
const DAY = 86_400_000;

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function ActivityPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const portal = await getPortal();
  const { account } = portal;
  const page = Math.max(1, Math.min(100_000, Number.parseInt(one(sp.page), 10) || 1));
  const action = KNOWN_ACTIONS.has(one(sp.action)) || GROUP_PREFIXES.has(one(sp.action)) ? one(sp.action) : "";
  const from = parseIsoDate(one(sp.from));
  const to = parseIsoDate(one(sp.to));
  const actors = await auditActors(portal, account.id);
  const actor = actors.includes(one(sp.actor)) ? one(sp.actor) : "";

  const q = new URLSearchParams({ company_id: account.id, page_meta: "true", per_page: String(PER_PAGE), page: String(page) });
  if (action) q.set(KNOWN_ACTIONS.has(action) ? "action" : "action_like", action);
  if (actor) q.set("actor", actor);
  if (from) q.set("created_at_gte", from.toISOString());
  if (to) q.set("created_at_lt", new Date(to.getTime() + DAY).toISOString());
  const data = (await listEvents(portal, q)) as { resources: EventJson[]; total: number };
  const parties = await transferPartiesOf(
    portal,
    data.resources.filter((e) => e.subject_type === "transfer_request" && e.subject_id).map((e) => e.subject_id as string),
  );
  const filtered = Boolean(action || actor || from || to);
  const badDate = (one(sp.from) && !from) || (one(sp.to) && !to);

  return (
    <>
      <PageHeader
        title="Activity"
        description={`Everything that happened in ${account.name}: who did what, and when. The trail is append-only; times are UTC.`}
        actions={<ExportButton resource="events" params={Object.fromEntries([...q].filter(([k]) => !["page", "per_page", "page_meta"].includes(k)))} />}
      />
      <form method="get" action="/activity" role="search" aria-label="Filter activity" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-56">
          <label htmlFor="action" className="mb-1 block text-xs font-medium text-slate-600">
            Action
          </label>
          <Select id="action" name="action" defaultValue={action}>
            <option value="">All actions</option>
            {ACTION_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.prefix ? <option value={g.prefix}>All {g.label.toLowerCase()}</option> : null}
                {g.actions.map(([a, label]) => (
                  <option key={a} value={a}>
                    {label}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="w-full sm:w-56">
          <label htmlFor="actor" className="mb-1 block text-xs font-medium text-slate-600">
            Actor
          </label>
          <Select id="actor" name="actor" defaultValue={actor}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-[calc(50%-0.375rem)] sm:w-36">
          <label htmlFor="from" className="mb-1 block text-xs font-medium text-slate-600">
            From (UTC)
          </label>
          <DateInput id="from" name="from" defaultValue={one(sp.from)} />
        </div>
        <div className="w-[calc(50%-0.375rem)] sm:w-36">
          <label htmlFor="to" className="mb-1 block text-xs font-medium text-slate-600">
            To (UTC)
          </label>
          <DateInput id="to" name="to" defaultValue={one(sp.to)} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
        {filtered ? (
          <Link href="/activity" className="pb-2 text-sm text-slate-600 hover:text-slate-900">
            Clear filters
          </Link>
        ) : null}
      </form>
      {badDate ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          Dates are YYYY-MM-DD, e.g. {new Date().toISOString().slice(0, 10)}; the one given was left out.
        </p>
      ) : null}
      {data.resources.length === 0 ? (
        <EmptyState icon={<History className="h-8 w-8" />} title={filtered ? "Nothing matches these filters" : "No activity yet"}>
          {filtered
            ? "Try a wider date range, another action or anyone as the actor."
            : "Events appear here as escrow devices are registered, transfers are decided and gateways come online."}
        </EmptyState>
      ) : (
        <>
          <ol className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-label="Events">
            {data.resources.map((e) => (
              <li key={e._id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-4" data-action={e.action}>
                <span className="shrink-0 text-xs text-slate-500 sm:w-40">
                  <Time value={e.created_at} />
                </span>
                <span className="min-w-0 flex-1 break-words">
                  <EventSentence segments={describeEvent(e, parties)} />
                </span>
                {e.actor_type === "api_token" ? <Badge tone="gray">via API</Badge> : null}
              </li>
            ))}
          </ol>
          <Pagination
            page={page}
            perPage={PER_PAGE}
            total={data.total}
            basePath="/activity"
            params={{ action, actor, from: from ? one(sp.from) : "", to: to ? one(sp.to) : "" }}
          />
        </>
      )}
    </>
  );
}
