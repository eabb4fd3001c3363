"use client";

import { useQuery } from "@tanstack/react-query";
import { transferKeys } from "./query-keys";

async function fetchPendingCount(accountId: string): Promise<number> {
  const r = await fetch(`/api/portal/transfers/pending-count?account_id=${encodeURIComponent(accountId)}`, { cache: "no-store" });
  if (!r.ok) return 0;
  const body = (await r.json()) as { count?: number };
  return typeof body.count === "number" ? body.count : 0;
}

/**
 * Live count of pending incoming transfer requests in the navigation (TanStack Query polling
 * every 10 s). Renders nothing when there are none.
 */
export function PendingIncomingBadge({ accountId }: { accountId: string }) {
  const { data } = useQuery({
    queryKey: transferKeys.pendingIncoming(accountId),
    queryFn: () => fetchPendingCount(accountId),
    refetchInterval: 10_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  if (!data) return null;
  return (
    <span
      className="ml-auto inline-flex min-w-5 items-center justify-center rounded-full bg-amber-400 px-1.5 py-0.5 text-xs font-semibold text-slate-900"
      title={`${data} pending incoming transfer request${data === 1 ? "" : "s"}`}
    >
      <span aria-hidden="true">{data > 99 ? "99+" : data}</span>
      <span className="sr-only">{`${data} pending incoming`}</span>
    </span>
  );
}
