"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { StatusBadge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";

export type LiveKind = "devices" | "escrow-devices";
type Fields = Record<string, string | null>;

/** TanStack Query keys for live records: one factory, so a mutation can invalidate them all. */
export const liveKeys = {
  all: ["live"] as const,
  records: (kind: LiveKind, ids: readonly string[]) => ["live", kind, ids.join(",")] as const,
};

const LiveContext = createContext<Map<string, Fields> | null>(null);

async function fetchLive(kind: LiveKind, ids: readonly string[]): Promise<Map<string, Fields>> {
  const r = await fetch(`/api/portal/live/${kind}?ids=${ids.join(",")}`, { cache: "no-store" });
  if (!r.ok) throw new Error(`live ${kind}: HTTP ${r.status}`);
  const body = (await r.json()) as { resources: ({ _id: string } & Fields)[] };
  return new Map(body.resources.map((x) => [x._id, x]));
}

/**
 * Polls the fields that change under a page (status, last check-in, heartbeat) for the records it
 * shows. Cells below render the server's values until the first answer and then the live ones, so
 * nothing flickers or empties while a poll is in flight.
 */
export function LiveRecords({ kind, ids, intervalMs = 10_000, children }: { kind: LiveKind; ids: string[]; intervalMs?: number; children: ReactNode }) {
  const stable = useMemo(() => [...ids].sort(), [ids]);
  const { data } = useQuery({
    queryKey: liveKeys.records(kind, stable),
    queryFn: () => fetchLive(kind, stable),
    enabled: stable.length > 0,
    refetchInterval: intervalMs,
    refetchOnWindowFocus: true,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
  return <LiveContext.Provider value={data ?? null}>{children}</LiveContext.Provider>;
}

function useLiveField(id: string, field: string, initial: string | null): string | null {
  const map = useContext(LiveContext);
  const rec = map?.get(id);
  return rec && Object.hasOwn(rec, field) ? rec[field] : initial;
}

/** A status badge that follows the live value of `field`. */
export function LiveStatus({ id, field, initial }: { id: string; field: string; initial: string }) {
  const v = useLiveField(id, field, initial) ?? initial;
  return (
    <span data-live={field} data-value={v}>
      <StatusBadge status={v} />
    </span>
  );
}

/** A timestamp that follows the live value of `field` ("Never" when there is none). */
export function LiveTime({ id, field, initial, relative, never = "Never" }: { id: string; field: string; initial: string | null; relative?: boolean; never?: string }) {
  const v = useLiveField(id, field, initial);
  return <span data-live={field}>{v ? <Time value={v} relative={relative} /> : <span className="text-slate-400">{never}</span>}</span>;
}
