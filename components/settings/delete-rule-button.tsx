"use client";

import { deleteTransferRuleAction } from "@/app/(portal)/settings/trusted-senders/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

export function DeleteRuleButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmButton
      label="Stop trusting"
      size="sm"
      variant="secondary"
      ariaLabel={`Stop trusting ${name}`}
      title={`Stop trusting ${name}?`}
      description="Their next transfer requests wait for an admin to accept them. Requests already accepted stay accepted."
      confirmLabel="Stop trusting"
      action={() => deleteTransferRuleAction(id)}
    />
  );
}
