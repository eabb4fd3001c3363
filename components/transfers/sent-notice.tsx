"use client";

import { CheckCircle2, Sparkles } from "lucide-react";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogRoot } from "@/components/ui/dialog";

export interface SentTransfer {
  id: string;
  deviceCount: number;
  destinationName: string;
  autoAccepted: boolean;
}

let current: SentTransfer | null = null;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** Shows the confirmation for a transfer just sent; it lives above any list, so it outlives the rows it is about. */
export function announceSentTransfer(t: SentTransfer): void {
  current = t;
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Mount once per page, outside the list that may empty itself when the sent rows leave the filter. */
export function TransferSentNotice() {
  const sent = useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
  return (
    <DialogRoot
      open={sent != null}
      onOpenChange={(open) => {
        if (!open) {
          current = null;
          emit();
        }
      }}
    >
      {sent ? (
        <DialogContent title={sent.autoAccepted ? "Transfer accepted automatically" : "Transfer request sent"}>
          <div className="flex items-start gap-3 rounded-md bg-emerald-50 p-4 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
            {sent.autoAccepted ? (
              <Sparkles className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" aria-hidden="true" />
            ) : (
              <CheckCircle2 className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" aria-hidden="true" />
            )}
            <p>
              {sent.deviceCount.toLocaleString("en-US")} escrow device{sent.deviceCount === 1 ? " was" : "s were"} {sent.autoAccepted ? "transferred to" : "offered to"}{" "}
              <strong>{sent.destinationName}</strong>.{" "}
              {sent.autoAccepted
                ? "They trust this account, so the request was accepted at once; the gateways activate on their next check-in."
                : "Their admins will see it in their incoming transfers."}
            </p>
          </div>
          <div className="mt-6 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Close</Button>
            </DialogClose>
            <Link
              href={`/transfers/${sent.id}`}
              className={buttonClass("primary")}
              onClick={() => {
                current = null;
                emit();
              }}
            >
              View transfer
            </Link>
          </div>
        </DialogContent>
      ) : null}
    </DialogRoot>
  );
}
