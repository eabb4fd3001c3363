"use client";

import { RotateCw, Send } from "lucide-react";
import {
  deleteWebhookAction,
  resendDeliveryAction,
  sendTestWebhookAction,
  setWebhookActiveAction,
} from "@/app/(portal)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useActionDialog } from "@/components/ui/use-action-dialog";
import type { ActionResult } from "@/lib/http/action-result";

type Outcome = { status: string; code: number | null; error: string | null };

function describe(o: Outcome): string {
  if (o.status === "succeeded") return `Delivered (${o.code})`;
  if (o.code != null) return `Answered ${o.code}${o.status === "pending" ? ": will retry" : ""}`;
  return `${o.error ?? "Failed"}${o.status === "pending" ? ": will retry" : ""}`;
}

/** A button running one action, showing its outcome next to it. */
function RunButton({ label, icon, run }: { label: string; icon: React.ReactNode; run: () => Promise<ActionResult<Outcome>> }) {
  const d = useActionDialog<Outcome>();
  const note = d.result ? describe(d.result) : d.errors?.messages.join(" ");
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" disabled={d.pending} onClick={() => d.run(run)}>
        {icon}
        {d.pending ? "Sending…" : label}
      </Button>
      {note ? (
        <span role="status" className="text-xs text-slate-600">
          {note}
        </span>
      ) : null}
    </span>
  );
}

export function WebhookEndpointActions({ id, url, active }: { id: string; url: string; active: boolean }) {
  const toggle = useActionDialog<unknown>();
  return (
    <div className="flex flex-wrap items-center gap-2">
      {active ? <RunButton label="Send test" icon={<Send className="h-4 w-4" />} run={() => sendTestWebhookAction(id)} /> : null}
      <Button variant="ghost" size="sm" disabled={toggle.pending} onClick={() => toggle.run(() => setWebhookActiveAction(id, !active))}>
        {active ? "Disable" : "Enable"}
      </Button>
      {toggle.errors ? (
        <span role="alert" className="text-xs text-red-600">
          {toggle.errors.messages.join(" ")}
        </span>
      ) : null}
      <ConfirmButton
        label="Delete"
        variant="ghost"
        size="sm"
        className="text-red-600 hover:bg-red-50"
        title="Delete this endpoint?"
        description={`Nothing more is sent to ${url}; its delivery log goes too.`}
        confirmLabel="Delete endpoint"
        action={() => deleteWebhookAction(id)}
      />
    </div>
  );
}

export function ResendButton({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) {
  return <RunButton label="Resend" icon={<RotateCw className="h-4 w-4" />} run={() => resendDeliveryAction(webhookId, deliveryId)} />;
}
