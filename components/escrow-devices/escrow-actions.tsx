"use client";

import { AlertTriangle, KeyRound, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteEscrowDeviceAction, rotateTokenAction } from "@/app/(portal)/escrow-devices/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogClose, DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";

/** Rotates to a generated token, shown once. Only offered while escrowed (the server checks too). */
export function RotateTokenButton({ id, uniqueId }: { id: string; uniqueId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [pending, start] = useTransition();
  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setToken(null);
          setErrors(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <KeyRound className="h-4 w-4" aria-hidden="true" />
          Rotate token
        </Button>
      </DialogTrigger>
      <DialogContent title={token ? "New escrow token" : "Rotate the escrow token?"} description={token ? undefined : `The current token of ${uniqueId} stops working at once; the gateway needs the new one.`}>
        <FormError messages={errors} />
        {token ? (
          <div className="space-y-4">
            <div className="flex gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" role="alert">
              <AlertTriangle className="h-5 w-5 shrink-0 text-amber-600" aria-hidden="true" />
              <p>Copy this token now. It will not be shown again.</p>
            </div>
            <div className="flex items-center gap-2">
              <code className="block flex-1 break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300" data-testid="new-token">
                {token}
              </code>
              <CopyButton value={token} />
            </div>
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button variant="secondary">Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <div className="mt-4 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Keep current token</Button>
            </DialogClose>
            <Button
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await rotateTokenAction(id);
                  if (!r.ok) setErrors(r.messages.length ? r.messages : [r.message]);
                  else {
                    setToken(r.data.token);
                    router.refresh();
                  }
                })
              }
            >
              {pending ? "Rotating…" : "Generate new token"}
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
      onConfirm={async () => {
        const r = await deleteEscrowDeviceAction(id);
        if (!r.ok) return r.messages.length ? r.messages : [r.message];
        router.push("/escrow-devices");
        return null;
      }}
    />
  );
}
