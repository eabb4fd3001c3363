"use client";

/**
 * The "Transfer…" action of the escrow-devices table: opens the transfer dialog for the selected
 * escrow devices. Filled in by the transfers work; renders nothing until then.
 */
export function TransferButton(_props: { accountId: string; selectedIds: string[]; onDone?: () => void }) {
  return null;
}
