"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInviteLinkAction, declineInviteLinkAction } from "@/app/(portal)/invitation-actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

/** Accept / Decline for the signed-in invitee. */
export function InviteDecision({ token, companyName }: { token: string; companyName: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [declined, setDeclined] = useState(false);
  if (declined) {
    return (
      <p role="status" className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200">
        You declined the invitation to {companyName}. Nothing was changed.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <FormError messages={errors} />
      <div className="flex gap-2">
        <Button
          className="flex-1"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await acceptInviteLinkAction(token);
              if (r.ok) router.push("/escrow-devices");
              else setErrors(r.messages.length ? r.messages : [r.message]);
            })
          }
        >
          {pending ? "Joining…" : "Accept and join"}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await declineInviteLinkAction(token);
              if (r.ok) setDeclined(true);
              else setErrors(r.messages.length ? r.messages : [r.message]);
            })
          }
        >
          Decline
        </Button>
      </div>
    </div>
  );
}
