"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteDeviceAction, updateDeviceAction } from "@/app/(portal)/devices/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useActionDialog } from "@/components/ui/use-action-dialog";

const FIELDS = ["name", "tags", "heartbeat_period"];

export function DeviceForm({ id, initial, canWrite }: { id: string; initial: { name: string; tags: string[]; heartbeat_period: number }; canWrite: boolean }) {
  const router = useRouter();
  const [name, setName] = useState(initial.name);
  const [tags, setTags] = useState(initial.tags.join(", "));
  const [period, setPeriod] = useState(String(initial.heartbeat_period));
  const form = useActionDialog<unknown>();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!/^\d+$/.test(period.trim())) {
      form.fail({ heartbeat_period: ["heartbeat period must be a whole number of seconds (1–86400)"] });
      return;
    }
    const list = tags.split(",").map((t) => t.trim()).filter(Boolean);
    form.run(() => updateDeviceAction(id, { name, tags: list, heartbeat_period: Number(period) }), () => router.refresh());
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field label="Name" htmlFor="name" errors={form.fieldErrors("name")}>
        <Input id="name" value={name} onChange={(e) => setName(e.target.value)} disabled={!canWrite} />
      </Field>
      <Field label="Tags" htmlFor="tags" hint="Comma-separated, e.g. north, pump-station" errors={form.fieldErrors("tags")}>
        <Input id="tags" value={tags} onChange={(e) => setTags(e.target.value)} disabled={!canWrite} />
      </Field>
      <Field label="Heartbeat period (seconds)" htmlFor="heartbeat_period" hint="1–86400. Offline after two missed heartbeats." errors={form.fieldErrors("heartbeat_period")}>
        <Input id="heartbeat_period" inputMode="numeric" value={period} onChange={(e) => setPeriod(e.target.value)} disabled={!canWrite} className="w-40" />
      </Field>
      <FormError messages={form.general(FIELDS)} />
      {canWrite ? (
        <div className="flex items-center justify-between border-t border-slate-100 pt-4">
          <ConfirmButton
            label="Delete device"
            variant="secondary"
            icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
            title={`Delete ${initial.name}?`}
            description="The device and its credential are removed from your account; the gateway stops being able to send heartbeats. This cannot be undone."
            confirmLabel="Delete"
            onConfirm={async () => {
              const r = await deleteDeviceAction(id);
              if (!r.ok) return r.messages.length ? r.messages : [r.message];
              router.push("/devices");
              return null;
            }}
          />
          <div className="flex items-center gap-3">
            {form.result ? <span className="text-sm text-emerald-700" role="status">Saved</span> : null}
            <Button type="submit" disabled={form.pending}>
              {form.pending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
