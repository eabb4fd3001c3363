"use client";

import { Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteEscrowDevicesAction } from "@/app/(portal)/escrow-devices/actions";
import { TransferButton } from "@/components/transfers/transfer-button";
import { LiveStatus, LiveTime } from "@/components/live/live-records";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

export interface EscrowTableRow {
  id: string;
  uniqueId: string;
  status: string;
  tokenHint: string;
  deviceTypeName: string | null;
  lastCheckinAt: string | null;
  createdAt: string;
}

export function EscrowTable({ rows, accountId, canWrite }: { rows: EscrowTableRow[]; accountId: string; canWrite: boolean }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const ids = [...selected].filter((id) => rows.some((r) => r.id === id));
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const clear = () => {
    setSelected(new Set());
    router.refresh();
  };

  return (
    <div className="space-y-3">
      {canWrite && ids.length > 0 ? (
        <div className="flex items-center justify-between rounded-lg bg-indigo-50 px-4 py-2.5 ring-1 ring-indigo-200" role="region" aria-label="Selection">
          <p className="text-sm font-medium text-indigo-900">
            {ids.length} selected
            <button type="button" className="ml-3 text-xs font-normal text-indigo-700 underline" onClick={() => setSelected(new Set())}>
              Clear
            </button>
          </p>
          <div className="flex items-center gap-2">
            <ConfirmButton
              label="Delete selected"
              icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
              variant="secondary"
              title={`Delete ${ids.length} escrow device${ids.length === 1 ? "" : "s"}?`}
              description="Their tokens stop working at once. Devices already transferred stay in their new account. This cannot be undone."
              confirmLabel="Delete"
              onConfirm={async () => {
                const r = await deleteEscrowDevicesAction(ids);
                if (!r.ok) return r.messages.length ? r.messages : [r.message];
                clear();
                return null;
              }}
            />
            <TransferButton accountId={accountId} selectedIds={ids} onDone={clear} />
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
                    checked={allOnPage}
                    onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))}
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
            {rows.map((r) => (
              <tr key={r.id} className={selected.has(r.id) ? "bg-indigo-50/50" : "hover:bg-slate-50"}>
                {canWrite ? (
                  <Td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.uniqueId}`}
                      className="h-4 w-4 rounded border-slate-300 accent-indigo-600"
                      checked={selected.has(r.id)}
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
            ))}
          </TBody>
        </Table>
      </TableWrap>
    </div>
  );
}
