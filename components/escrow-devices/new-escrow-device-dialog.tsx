"use client";

import { AlertTriangle, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createEscrowDeviceAction } from "@/app/(portal)/escrow-devices/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogClose, DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";

type TypeOption = { id: string; name: string };

/** One escrow device; a generated token is shown exactly once, then never again. */
export function NewEscrowDeviceDialog({ deviceTypes }: { deviceTypes: TypeOption[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [uniqueId, setUniqueId] = useState("");
  const [mode, setMode] = useState<"generate" | "own">("generate");
  const [token, setToken] = useState("");
  const [typeId, setTypeId] = useState("");
  const [errors, setErrors] = useState<{ messages: string[]; fields: Record<string, string[]> } | null>(null);
  const [created, setCreated] = useState<{ uniqueId: string; token: string | null } | null>(null);
  const [pending, start] = useTransition();

  function reset() {
    setUniqueId("");
    setToken("");
    setMode("generate");
    setTypeId("");
    setErrors(null);
    setCreated(null);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await createEscrowDeviceAction({ unique_id: uniqueId.trim(), token: mode === "own" ? token : undefined, device_type_id: typeId || null });
      if (!r.ok) {
        setErrors({ messages: r.messages.length ? r.messages : [r.message], fields: r.fieldErrors });
        return;
      }
      setCreated({ uniqueId: r.data.uniqueId, token: r.data.token });
      router.refresh();
    });
  }

  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus className="h-4 w-4" aria-hidden="true" />
          New escrow device
        </Button>
      </DialogTrigger>
      <DialogContent
        title={created ? "Escrow device created" : "New escrow device"}
        description={created ? undefined : "Register a gateway before you know which customer it will go to."}
      >
        {created ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">
              <span className="font-mono font-medium text-slate-900">{created.uniqueId}</span> is registered and waiting in escrow.
            </p>
            {created.token ? (
              <>
                <div className="flex gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" role="alert">
                  <AlertTriangle className="h-5 w-5 shrink-0 text-amber-600" aria-hidden="true" />
                  <p>
                    Copy this token now and place it on the gateway at <code className="font-mono">/opt/escrow_token</code>. It will not be shown again.
                  </p>
                </div>
                <div>
                  <p className="mb-1.5 text-sm font-medium text-slate-800" id="new-token-label">
                    Escrow token
                  </p>
                  <div className="flex items-center gap-2">
                    <code className="block flex-1 break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300" data-testid="new-token">
                      {created.token}
                    </code>
                    <CopyButton value={created.token} />
                  </div>
                </div>
              </>
            ) : (
              <p className="text-sm text-slate-600">It uses the token you entered; only its last four characters are kept as a hint.</p>
            )}
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button variant="secondary">Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate>
            <Field label="Unique ID" htmlFor="unique_id" hint="Lower-case letters, digits, '-', ':' and '_' (1–128), e.g. acme-gw-0042." errors={errors?.fields.unique_id}>
              <Input id="unique_id" value={uniqueId} onChange={(e) => setUniqueId(e.target.value)} autoComplete="off" autoFocus className="font-mono" />
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-800">Escrow token</legend>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="radio" name="token-mode" checked={mode === "generate"} onChange={() => setMode("generate")} className="accent-indigo-600" />
                Generate token
              </label>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="radio" name="token-mode" checked={mode === "own"} onChange={() => setMode("own")} className="accent-indigo-600" />
                Use my own token
              </label>
            </fieldset>
            {mode === "own" ? (
              <Field label="Token" htmlFor="token" hint="16–256 printable ASCII characters, no spaces." errors={errors?.fields.token}>
                <Input id="token" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" className="font-mono" />
              </Field>
            ) : null}
            <Field label="Device type" htmlFor="device_type_id" hint="Optional: what it will be transferred as." errors={errors?.fields.device_type_id}>
              <Select id="device_type_id" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
                <option value="">None</option>
                {deviceTypes.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </Field>
            {errors && !Object.keys(errors.fields).length ? <FormError messages={errors.messages} /> : null}
            <div className="flex justify-end gap-2 pt-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={pending || !uniqueId.trim()}>
                {pending ? "Creating…" : "Create escrow device"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
