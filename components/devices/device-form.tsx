"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { deleteDeviceAction, updateDeviceAction } from "@/app/(portal)/devices/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { deviceFormSchema } from "@/lib/devices/schemas";

export function DeviceForm({ id, initial, canWrite }: { id: string; initial: { name: string; tags: string[]; heartbeat_period: number }; canWrite: boolean }) {
  const router = useRouter();
  const { form, submit, pending, saved, errors, general, generalTitle } = useActionForm({
    schema: deviceFormSchema,
    defaultValues: { name: initial.name, tags: initial.tags.join(", "), heartbeat_period: String(initial.heartbeat_period) },
    disabled: !canWrite,
    action: (values) => updateDeviceAction(id, values),
    onSuccess: () => router.refresh(),
  });

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field label="Name" htmlFor="name" errors={errors("name")}>
        <Input id="name" {...form.register("name")} aria-invalid={Boolean(errors("name"))} />
      </Field>
      <Field label="Tags" htmlFor="tags" hint="Comma-separated, e.g. north, pump-station" errors={errors("tags")}>
        <Input id="tags" {...form.register("tags")} aria-invalid={Boolean(errors("tags"))} />
      </Field>
      <Field label="Heartbeat period (seconds)" htmlFor="heartbeat_period" hint="1–86400. Offline after two missed heartbeats." errors={errors("heartbeat_period")}>
        <Input id="heartbeat_period" inputMode="numeric" {...form.register("heartbeat_period")} aria-invalid={Boolean(errors("heartbeat_period"))} className="w-40" />
      </Field>
      <FormError title={generalTitle} messages={general} />
      {canWrite ? (
        <div className="flex items-center justify-between border-t border-slate-100 pt-4">
          <ConfirmButton
            label="Delete device"
            variant="secondary"
            icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
            title={`Delete ${initial.name}?`}
            description="The device and its credential are removed from your account; the gateway stops being able to send heartbeats. This cannot be undone."
            confirmLabel="Delete"
            action={() => deleteDeviceAction(id)}
            onDone={() => router.push("/devices")}
          />
          <div className="flex items-center gap-3">
            {saved ? <span className="text-sm text-emerald-700" role="status">Saved</span> : null}
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
