"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { deleteDeviceTypeAction, saveDeviceTypeAction } from "@/app/(portal)/device-types/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { type DeviceTypeFormValues, deviceTypeFormSchema } from "@/lib/device-types/schemas";

const KINDS = deviceTypeFormSchema.shape.type.options;
const KIND_LABELS: Record<(typeof KINDS)[number], string> = {
  gateway: "Gateway",
  sensor: "Sensor",
  cloud_native: "Cloud native",
  modem: "Modem",
  lwm2m: "LwM2M",
};

export function DeviceTypeForm({ id, initial, canWrite }: { id: string | null; initial: DeviceTypeFormValues; canWrite: boolean }) {
  const router = useRouter();
  const { form, submit, pending, saved, errors, general, generalTitle } = useActionForm({
    schema: deviceTypeFormSchema,
    defaultValues: initial,
    disabled: !canWrite,
    action: (values) => saveDeviceTypeAction(id, values),
    onSuccess: () => (id ? router.refresh() : router.push("/device-types")),
  });

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="name" errors={errors("name")}>
          <Input id="name" {...form.register("name")} aria-invalid={Boolean(errors("name"))} />
        </Field>
        <Field label="Type" htmlFor="type" errors={errors("type")}>
          <Select id="type" {...form.register("type")} aria-invalid={Boolean(errors("type"))}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Manufacturer" htmlFor="manufacturer" errors={errors("manufacturer")}>
          <Input id="manufacturer" {...form.register("manufacturer")} aria-invalid={Boolean(errors("manufacturer"))} />
        </Field>
        <Field label="Model" htmlFor="model" errors={errors("model")}>
          <Input id="model" {...form.register("model")} aria-invalid={Boolean(errors("model"))} />
        </Field>
      </div>
      <Field label="Description" htmlFor="long_description" errors={errors("long_description")}>
        <Textarea id="long_description" rows={3} {...form.register("long_description")} aria-invalid={Boolean(errors("long_description"))} className="font-sans" />
      </Field>
      <div className="grid gap-4 lg:grid-cols-2">
        <Field
          label="Config (JSON)"
          htmlFor="config"
          hint={
            <>
              What a gateway of this type receives, e.g. <code>{'{"heartbeat_period": 60, "log_config": {"level": "info"}}'}</code>. heartbeat_period: 1–86400 seconds.
            </>
          }
          errors={errors("config")}
        >
          <Textarea id="config" rows={10} {...form.register("config")} spellCheck={false} aria-invalid={Boolean(errors("config"))} />
        </Field>
        <Field label="Capabilities (JSON)" htmlFor="capabilities" hint={<>What the hardware can do, e.g. <code>{'{"lte": true, "modbus": true}'}</code>.</>} errors={errors("capabilities")}>
          <Textarea id="capabilities" rows={10} {...form.register("capabilities")} spellCheck={false} aria-invalid={Boolean(errors("capabilities"))} />
        </Field>
      </div>
      <FormError title={generalTitle} messages={general} />
      {canWrite ? (
        <div className="flex items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <div>
            {id ? (
              <ConfirmButton
                label="Delete device type"
                icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
                variant="secondary"
                title={`Delete ${initial.name}?`}
                description="Escrow devices that use it keep their record without a device type. A type still used by devices or a pending transfer request cannot be deleted."
                confirmLabel="Delete"
                action={() => deleteDeviceTypeAction(id)}
                onDone={() => router.push("/device-types")}
              />
            ) : null}
          </div>
          <div className="flex items-center gap-3">
            {saved && id ? <span className="text-sm text-emerald-700" role="status">Saved</span> : null}
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : id ? "Save changes" : "Create device type"}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
