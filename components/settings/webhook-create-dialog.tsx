"use client";

import { AlertTriangle, Plus } from "lucide-react";
import { useState, useTransition } from "react";
import { createWebhookAction } from "@/app/(portal)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";

export function WebhookCreateDialog({ eventTypes }: { eventTypes: { type: string; description: string }[] }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [all, setAll] = useState(true);
  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setSecret(null);
          setErrors(null);
          setAll(true);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="h-4 w-4" /> Add endpoint
        </Button>
      </DialogTrigger>
      <DialogContent title={secret ? "Your signing secret" : "Add a webhook endpoint"} wide={!secret}>
        {secret ? (
          <div className="space-y-4">
            <div className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
              <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" />
              Copy it now: it will not be shown again. Use it to verify the webhook-signature header of every delivery.
            </div>
            <div className="flex items-center gap-2">
              <code data-testid="webhook-secret" className="block flex-1 break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-300">
                {secret}
              </code>
              <CopyButton value={secret} />
            </div>
            <div className="flex justify-end">
              <Button onClick={() => setOpen(false)}>Done</Button>
            </div>
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const events = all ? ["*"] : form.getAll("events").map(String);
              start(async () => {
                const r = await createWebhookAction({ url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), events });
                if (r.ok) setSecret(r.data.secret);
                else setErrors(r.messages.length ? r.messages : [r.message]);
              });
            }}
          >
            <Field label="Endpoint URL" htmlFor="webhook-url" hint="Handoff POSTs signed JSON here. Public https:// URLs only.">
              <Input id="webhook-url" name="url" type="url" required placeholder="https://erp.example.com/handoff/webhooks" />
            </Field>
            <Field label="Description" htmlFor="webhook-description">
              <Input id="webhook-description" name="description" maxLength={500} placeholder="ERP integration" />
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-700">Events</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> All events
              </label>
              {!all ? (
                <div className="grid gap-2 sm:grid-cols-2">
                  {eventTypes.map((t) => (
                    <label key={t.type} className="flex items-start gap-2 text-sm">
                      <input type="checkbox" name="events" value={t.type} className="mt-1" />
                      <span>
                        <span className="font-mono text-xs text-slate-900">{t.type}</span>
                        <span className="block text-xs text-slate-500">{t.description}</span>
                      </span>
                    </label>
                  ))}
                </div>
              ) : null}
            </fieldset>
            <FormError messages={errors} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Adding…" : "Add endpoint"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
