"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { acceptInviteLinkAction, declineInviteLinkAction } from "@/app/(portal)/invitation-actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionDialog } from "@/components/ui/use-action-dialog";

/** Accept / Decline for the signed-in invitee. */
export function InviteDecision({ token, companyName }: { token: string; companyName: string }) {
  const router = useRouter();
  const d = useActionDialog<unknown>();
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
      <FormError messages={d.errors?.messages} title={d.errors?.summary} />
      <div className="flex gap-2">
        <Button
          className="flex-1"
          disabled={d.pending}
          onClick={() => d.run(() => acceptInviteLinkAction(token), () => router.push("/escrow-devices"))}
        >
          {d.pending ? "Joining…" : "Accept and join"}
        </Button>
        <Button
          variant="secondary"
          disabled={d.pending}
          onClick={() => d.run(() => declineInviteLinkAction(token), () => setDeclined(true))}
        >
          Decline
        </Button>
      </div>
    </div>
  );
}
