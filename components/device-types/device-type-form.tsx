"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteDeviceTypeAction, saveDeviceTypeAction } from "@/app/(portal)/device-types/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useActionDialog } from "@/components/ui/use-action-dialog";

const KINDS = [
  ["gateway", "Gateway"],
  ["sensor", "Sensor"],
  ["cloud_native", "Cloud native"],
  ["modem", "Modem"],
  ["lwm2m", "LwM2M"],
] as const;

export interface DeviceTypeFormValues {
  name: string;
  manufacturer: string;
  model: string;
  type: string;
  long_description: string;
  capabilities: string;
  config: string;
}

/** Parses a JSON object; a syntax error says where (line and column). */
export function parseJsonObject(text: string, what: string): { value?: Record<string, unknown>; error?: string } {
  if (text.trim() === "") return { value: {} };
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== "object" || Array.isArray(v)) return { error: `${what} must be a JSON object, like {"key": "value"}` };
    return { value: v };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      return { error: `${what} is not valid JSON: line ${line}, column ${column} (${msg.replace(/ in JSON at position \d+.*$/, "")})` };
    }
    return { error: `${what} is not valid JSON: ${msg}` };
  }
}

export function DeviceTypeForm({ id, initial, canWrite }: { id: string | null; initial: DeviceTypeFormValues; canWrite: boolean }) {
  const router = useRouter();
  const [v, setV] = useState(initial);
  const form = useActionDialog<unknown>();
  const set = (k: keyof DeviceTypeFormValues) => (e: { target: { value: string } }) => {
    setV({ ...v, [k]: e.target.value });
    if (form.result) form.reset();
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const caps = parseJsonObject(v.capabilities, "Capabilities");
    const config = parseJsonObject(v.config, "Config");
    const local: Record<string, string[]> = {};
    if (caps.error) local.capabilities = [caps.error];
    if (config.error) local.config = [config.error];
    if (Object.keys(local).length) return form.fail(local);
    form.run(
      () => saveDeviceTypeAction(id, { ...v, capabilities: caps.value, config: config.value }),
      () => (id ? router.refresh() : router.push("/device-types")),
    );
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="name" errors={form.fieldErrors("name")}>
          <Input id="name" value={v.name} onChange={set("name")} disabled={!canWrite} />
        </Field>
        <Field label="Type" htmlFor="type" errors={form.fieldErrors("type")}>
          <Select id="type" value={v.type} onChange={set("type")} disabled={!canWrite}>
            {KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Manufacturer" htmlFor="manufacturer" errors={form.fieldErrors("manufacturer")}>
          <Input id="manufacturer" value={v.manufacturer} onChange={set("manufacturer")} disabled={!canWrite} />
        </Field>
        <Field label="Model" htmlFor="model" errors={form.fieldErrors("model")}>
          <Input id="model" value={v.model} onChange={set("model")} disabled={!canWrite} />
        </Field>
      </div>
      <Field label="Description" htmlFor="long_description" errors={form.fieldErrors("long_description")}>
        <Textarea id="long_description" rows={3} value={v.long_description} onChange={set("long_description")} disabled={!canWrite} className="font-sans" />
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
          errors={form.fieldErrors("config")}
        >
          <Textarea id="config" rows={10} value={v.config} onChange={set("config")} disabled={!canWrite} spellCheck={false} aria-invalid={Boolean(form.fieldErrors("config"))} />
        </Field>
        <Field label="Capabilities (JSON)" htmlFor="capabilities" hint={<>What the hardware can do, e.g. <code>{'{"lte": true, "modbus": true}'}</code>.</>} errors={form.fieldErrors("capabilities")}>
          <Textarea id="capabilities" rows={10} value={v.capabilities} onChange={set("capabilities")} disabled={!canWrite} spellCheck={false} aria-invalid={Boolean(form.fieldErrors("capabilities"))} />
        </Field>
      </div>
      <FormError messages={form.general(["name", "type", "manufacturer", "model", "long_description", "config", "capabilities"])} />
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
                onConfirm={async () => {
                  const r = await deleteDeviceTypeAction(id);
                  if (!r.ok) return r.messages.length ? r.messages : [r.message];
                  router.push("/device-types");
                  return null;
                }}
              />
            ) : null}
          </div>
          <div className="flex items-center gap-3">
            {form.result && id ? <span className="text-sm text-emerald-700" role="status">Saved</span> : null}
            <Button type="submit" disabled={form.pending}>
              {form.pending ? "Saving…" : id ? "Save changes" : "Create device type"}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
