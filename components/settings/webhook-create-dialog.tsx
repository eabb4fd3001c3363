"use client";

import { Plus } from "lucide-react";
import { useCallback, useState } from "react";
import { createWebhookAction } from "@/app/(portal)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogDone, DialogRoot, DialogSubmit, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useActionDialog } from "@/components/ui/use-action-dialog";

export function WebhookCreateDialog({ eventTypes }: { eventTypes: { type: string; description: string }[] }) {
  const [all, setAll] = useState(true);
  const d = useActionDialog<{ secret: string }>({ onReset: useCallback(() => setAll(true), []) });
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="h-4 w-4" /> Add endpoint
        </Button>
      </DialogTrigger>
      <DialogContent title={d.result ? "Your signing secret" : "Add a webhook endpoint"} wide={!d.result}>
        {d.result ? (
          <div className="space-y-4">
            <OneTimeSecret label="Signing secret" value={d.result.secret} testId="webhook-secret">
              Copy it now: it will not be shown again. Use it to verify the webhook-signature header of every delivery.
            </OneTimeSecret>
            <DialogDone />
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const events = all ? ["*"] : form.getAll("events").map(String);
              d.run(() => createWebhookAction({ url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), events }));
            }}
          >
            <Field label="Endpoint URL" htmlFor="webhook-url" hint="Handoff POSTs signed JSON here: a public http(s) URL; https is strongly advised." errors={d.fieldErrors("url")}>
              <Input id="webhook-url" name="url" type="url" required placeholder="https://erp.example.com/handoff/webhooks" />
            </Field>
            <Field label="Description" htmlFor="webhook-description" errors={d.fieldErrors("description")}>
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
            <FormError messages={d.general(["url", "description"])} />
            <DialogSubmit label="Add endpoint" pendingLabel="Adding…" pending={d.pending} />
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
