"use client";

import { useRouter } from "next/navigation";
import { cancelTransferAction } from "@/app/(portal)/transfers/actions/cancel";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

/** "Cancel request" on a pending outgoing transfer: confirms, then frees the escrow devices. */
export function CancelTransferButton({ requestId, toName, deviceCount }: { requestId: string; toName: string; deviceCount: number }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Cancel request"
      variant="secondary"
      title="Cancel this transfer request?"
      description={`${toName} will no longer be able to accept it; its ${deviceCount.toLocaleString("en-US")} escrow device${deviceCount === 1 ? "" : "s"} become available again.`}
      confirmLabel="Yes, cancel request"
      cancelLabel="Keep it"
      action={() => cancelTransferAction(requestId)}
      onDone={() => router.refresh()}
    />
  );
}
