/** A tab's count: all requests, with the pending ones called out when there are any. */
export function TabCount({ all, pending }: { all: number; pending: number }) {
  return (
    <span className="ml-1 inline-flex items-center gap-1" data-testid="tab-count" data-all={all} data-pending={pending}>
      <span className="rounded-full bg-slate-100 px-1.5 py-0.5 text-xs font-medium tabular-nums text-slate-600">{all.toLocaleString("en-US")}</span>
      {pending ? (
        <span className="rounded-full bg-amber-100 px-1.5 py-0.5 text-xs font-medium tabular-nums text-amber-800">{pending.toLocaleString("en-US")} pending</span>
      ) : null}
    </span>
  );
}
