"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createEscrowDeviceAction } from "@/app/(portal)/escrow-devices/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogDone, DialogRoot, DialogSubmit, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useActionDialog } from "@/components/ui/use-action-dialog";

const FIELDS = ["unique_id", "token", "device_type_id"] as const;

type TypeOption = { id: string; name: string };

/** One escrow device; a generated token is shown exactly once, then never again. */
export function NewEscrowDeviceDialog({ deviceTypes }: { deviceTypes: TypeOption[] }) {
  const router = useRouter();
  const [uniqueId, setUniqueId] = useState("");
  const [mode, setMode] = useState<"generate" | "own">("generate");
  const [token, setToken] = useState("");
  const [typeId, setTypeId] = useState("");
  const d = useActionDialog<{ uniqueId: string; token: string | null }>({
    onReset: () => {
      setUniqueId("");
      setToken("");
      setMode("generate");
      setTypeId("");
    },
  });
  const created = d.result;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    d.run(
      () => createEscrowDeviceAction({ unique_id: uniqueId.trim(), token: mode === "own" ? token : undefined, device_type_id: typeId || null }),
      () => router.refresh(),
    );
  }

  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
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
              <OneTimeSecret label="Escrow token" value={created.token} testId="new-token">
                Copy this token now and place it on the gateway at <code className="font-mono">/opt/escrow_token</code>. It will not be shown again.
              </OneTimeSecret>
            ) : (
              <p className="text-sm text-slate-600">It uses the token you entered; only its last four characters are kept as a hint.</p>
            )}
            <DialogDone variant="secondary" />
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate>
            <Field label="Unique ID" htmlFor="unique_id" hint="Lower-case letters, digits, '-', ':' and '_' (1–128), e.g. acme-gw-0042." errors={d.fieldErrors("unique_id")}>
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
              <Field label="Token" htmlFor="token" hint="16–256 printable ASCII characters, no spaces." errors={d.fieldErrors("token")}>
                <Input id="token" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" className="font-mono" />
              </Field>
            ) : null}
            <Field label="Device type" htmlFor="device_type_id" hint="Optional: what it will be transferred as." errors={d.fieldErrors("device_type_id")}>
              <Select id="device_type_id" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
                <option value="">None</option>
                {deviceTypes.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </Field>
            <FormError messages={d.general(FIELDS)} />
            <DialogSubmit label="Create escrow device" pendingLabel="Creating…" pending={d.pending} disabled={!uniqueId.trim()} className="pt-2" />
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
