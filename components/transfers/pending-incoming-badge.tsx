"use client";

/**
 * Live count of pending incoming transfer requests in the navigation (TanStack Query polling).
 * Filled in by the transfers work; renders nothing until then.
 */
export function PendingIncomingBadge(_props: { accountId: string }) {
  return null;
}
