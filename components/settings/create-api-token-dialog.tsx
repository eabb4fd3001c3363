"use client";

import { AlertTriangle, Plus } from "lucide-react";
import { useState, useTransition } from "react";
import { createApiTokenAction } from "@/app/(portal)/settings/api-tokens/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";

export function CreateApiTokenDialog() {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string[] | null>(null);
  const [token, setToken] = useState<string | null>(null);
  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setToken(null);
          setError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="h-4 w-4" /> Create token
        </Button>
      </DialogTrigger>
      <DialogContent title={token ? "Your new API token" : "Create an API token"}>
        {token ? (
          <div className="space-y-4">
            <div className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
              <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" />
              Copy it now: it will not be shown again. Handoff keeps only a digest.
            </div>
            <div className="flex items-center gap-2">
              <code data-testid="new-api-token" className="block flex-1 break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-300">
                {token}
              </code>
              <CopyButton value={token} />
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
              const name = String(new FormData(e.currentTarget).get("name") ?? "");
              start(async () => {
                const r = await createApiTokenAction(name);
                if (r.ok) setToken(r.data.token);
                else setError(r.messages.length ? r.messages : [r.message]);
              });
            }}
          >
            <Field label="Token name" htmlFor="token-name" hint="What will use it, e.g. “factory import script”.">
              <Input id="token-name" name="name" required maxLength={80} />
            </Field>
            <FormError messages={error} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create token"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
