"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteEscrowDevicesAction } from "@/app/(portal)/escrow-devices/actions";
import { LiveStatus, LiveTime } from "@/components/live/live-records";
import { portalJson, transferKeys } from "@/components/transfers/query-keys";
import { type SelectionItem, TransferButton } from "@/components/transfers/transfer-button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { MatchingEscrowDevices } from "@/lib/escrow-devices/matching";

export interface EscrowTableRow {
  id: string;
  uniqueId: string;
  status: string;
  tokenHint: string;
  deviceTypeId: string | null;
  deviceTypeName: string | null;
  lastCheckinAt: string | null;
  createdAt: string;
}

const MAX_SELECTION = 10_000;

export function EscrowTable({
  rows,
  accountId,
  canWrite,
  total,
  filter,
}: {
  rows: EscrowTableRow[];
  accountId: string;
  canWrite: boolean;
  /** Rows matching the current filter across all pages. */
  total: number;
  filter: { q: string; status: string };
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // "Select all N matching": the whole filtered list (up to one request's worth), not just this page.
  const [matching, setMatching] = useState<MatchingEscrowDevices | null>(null);
  const [loadingMatching, setLoadingMatching] = useState(false);
  const [matchingError, setMatchingError] = useState<string | null>(null);
  const pageItems: SelectionItem[] = rows.filter((r) => selected.has(r.id)).map((r) => ({ id: r.id, status: r.status, deviceTypeId: r.deviceTypeId }));
  const items: SelectionItem[] = matching ? matching.items.map(([id, status, deviceTypeId]) => ({ id, status, deviceTypeId })) : pageItems;
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    setMatching(null);
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  };
  const clear = () => {
    setSelected(new Set());
    setMatching(null);
    router.refresh();
  };
  async function selectAllMatching() {
    setLoadingMatching(true);
    setMatchingError(null);
    try {
      const params = new URLSearchParams({ q: filter.q, status: filter.status });
      const m = await queryClient.fetchQuery({
        queryKey: transferKeys.matching(accountId, filter.q, filter.status),
        queryFn: () => portalJson<MatchingEscrowDevices>(`/api/portal/escrow-devices/matching?${params}`),
        staleTime: 0,
      });
      setMatching(m);
    } catch (err) {
      setMatchingError((err as Error).message);
    } finally {
      setLoadingMatching(false);
    }
  }

  return (
    <div className="space-y-3">
      {canWrite && items.length > 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-indigo-50 px-4 py-2.5 ring-1 ring-indigo-200" role="region" aria-label="Selection">
          <p className="text-sm font-medium text-indigo-900">
            {matching
              ? `All ${items.length.toLocaleString("en-US")} matching selected${matching.capped ? ` (the newest ${MAX_SELECTION.toLocaleString("en-US")} of ${matching.total.toLocaleString("en-US")})` : ""}`
              : `${items.length.toLocaleString("en-US")} selected`}
            {!matching && allOnPage && total > rows.length ? (
              <button type="button" className="ml-3 font-semibold text-indigo-700 underline disabled:opacity-60" onClick={selectAllMatching} disabled={loadingMatching}>
                {loadingMatching ? <Loader2 className="mr-1 inline h-3.5 w-3.5 animate-spin" aria-hidden="true" /> : null}
                {total > MAX_SELECTION ? `Select the newest ${MAX_SELECTION.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} matching` : `Select all ${total.toLocaleString("en-US")} matching`}
              </button>
            ) : null}
            <button type="button" className="ml-3 text-xs font-normal text-indigo-700 underline" onClick={() => {
                setSelected(new Set());
                setMatching(null);
              }}>
              Clear
            </button>
            {matchingError ? <span className="ml-3 text-xs text-red-700">{matchingError}</span> : null}
          </p>
          <div className="flex items-center gap-2">
            <ConfirmButton
              label="Delete selected"
              icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
              variant="secondary"
              title={`Delete ${items.length.toLocaleString("en-US")} escrow device${items.length === 1 ? "" : "s"}?`}
              description="Their tokens stop working at once. Devices already transferred stay in their new account. This cannot be undone."
              confirmLabel="Delete"
              action={() => deleteEscrowDevicesAction(items.map((i) => i.id))}
              onDone={() => clear()}
            />
            <TransferButton accountId={accountId} selection={items} onSent={clear} />
          </div>
        </div>
      ) : null}
      <TableWrap>
        <Table>
          <THead>
            <tr>
              {canWrite ? (
                <Th className="w-10">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    className="h-4 w-4 rounded border-slate-300 accent-indigo-600"
                    checked={allOnPage || matching != null}
                    onChange={() => {
                      setMatching(null);
                      setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)));
                    }}
                  />
                </Th>
              ) : null}
              <Th>Unique ID</Th>
              <Th>Status</Th>
              <Th>Device type</Th>
              <Th>Token</Th>
              <Th>Last check-in</Th>
              <Th>Created</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((r) => {
              const isSelected = matching != null || selected.has(r.id);
              return (
                <tr key={r.id} className={isSelected ? "bg-indigo-50/50" : "hover:bg-slate-50"}>
                  {canWrite ? (
                    <Td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${r.uniqueId}`}
                        className="h-4 w-4 rounded border-slate-300 accent-indigo-600"
                        checked={isSelected}
                        onChange={() => toggle(r.id)}
                      />
                    </Td>
                  ) : null}
                  <Td>
                    <Link href={`/escrow-devices/${r.id}`} className="font-mono text-sm font-medium text-indigo-700 hover:underline">
                      {r.uniqueId}
                    </Link>
                  </Td>
                  <Td>
                    <LiveStatus id={r.id} field="status" initial={r.status} />
                  </Td>
                  <Td>{r.deviceTypeName ?? <span className="text-slate-400">—</span>}</Td>
                  <Td className="font-mono text-xs text-slate-500">…{r.tokenHint}</Td>
                  <Td>
                    <LiveTime id={r.id} field="last_checkin_at" initial={r.lastCheckinAt} relative />
                  </Td>
                  <Td className="text-slate-500">
                    <Time value={r.createdAt} />
                  </Td>
                </tr>
              );
            })}
          </TBody>
        </Table>
      </TableWrap>
    </div>
  );
}
