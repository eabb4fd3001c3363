"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelTransferAction } from "@/app/(portal)/transfers/actions/cancel";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";

/** "Cancel request" on a pending outgoing transfer: confirms, then frees the escrow devices. */
export function CancelTransferButton({ requestId, toName, deviceCount }: { requestId: string; toName: string; deviceCount: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [busy, start] = useTransition();
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">Cancel request</Button>
      </DialogTrigger>
      <DialogContent title="Cancel this transfer request?" description={`${toName} will no longer be able to accept it; its ${deviceCount.toLocaleString("en-US")} escrow device${deviceCount === 1 ? "" : "s"} become available again.`}>
        <FormError messages={errors} />
        <div className="mt-6 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Keep it</Button>
          </DialogClose>
          <Button
            variant="danger"
            disabled={busy}
            onClick={() =>
              start(async () => {
                const r = await cancelTransferAction(requestId);
                if (r.ok) {
                  setOpen(false);
                  router.refresh();
                } else setErrors([r.message]);
              })
            }
          >
            {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden="true" /> : null}
            Yes, cancel request
          </Button>
        </div>
      </DialogContent>
    </DialogRoot>
  );
}
