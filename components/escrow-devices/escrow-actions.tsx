"use client";

import { KeyRound, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { deleteEscrowDeviceAction, rotateTokenAction } from "@/app/(portal)/escrow-devices/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { DialogClose, DialogContent, DialogDone, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useActionDialog } from "@/components/ui/use-action-dialog";

/** Rotates to a generated token, shown once. Only offered while escrowed (the server checks too). */
export function RotateTokenButton({ id, uniqueId }: { id: string; uniqueId: string }) {
  const router = useRouter();
  const d = useActionDialog<{ token: string }>();
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <KeyRound className="h-4 w-4" aria-hidden="true" />
          Rotate token
        </Button>
      </DialogTrigger>
      <DialogContent
        title={d.result ? "New escrow token" : "Rotate the escrow token?"}
        description={d.result ? undefined : `The current token of ${uniqueId} stops working at once; the gateway needs the new one.`}
      >
        <FormError messages={d.general()} />
        {d.result ? (
          <div className="space-y-4">
            <OneTimeSecret label="Escrow token" value={d.result.token} testId="new-token">
              Copy this token now and place it on the gateway at <code className="font-mono">/opt/escrow_token</code>. It will not be shown again.
            </OneTimeSecret>
            <DialogDone variant="secondary" />
          </div>
        ) : (
          <div className="mt-4 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Keep current token</Button>
            </DialogClose>
            <Button disabled={d.pending} onClick={() => d.run(() => rotateTokenAction(id), () => router.refresh())}>
              {d.pending ? "Rotating…" : "Generate new token"}
            </Button>
          </div>
        )}
      </DialogContent>
    </DialogRoot>
  );
}

export function DeleteEscrowDeviceButton({ id, uniqueId, disabled }: { id: string; uniqueId: string; disabled?: boolean }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Delete"
      icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
      disabled={disabled}
      title={`Delete ${uniqueId}?`}
      description="Its token stops working at once. A device already transferred stays in its new account. This cannot be undone."
      confirmLabel="Delete"
      action={() => deleteEscrowDeviceAction(id)}
      onDone={() => router.push("/escrow-devices")}
    />
  );
}
