"use client";

import { Plus } from "lucide-react";
import { useState, useTransition } from "react";
import { createSubAccountAction } from "@/app/(portal)/settings/sub-accounts/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";

export function CreateSubAccountDialog({ parentName }: { parentName: string }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string[] | null>(null);
  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="h-4 w-4" /> New sub-account
        </Button>
      </DialogTrigger>
      <DialogContent title="New sub-account" description={`It will sit below ${parentName}.`}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const name = String(new FormData(e.currentTarget).get("name") ?? "");
            start(async () => {
              const r = await createSubAccountAction(name);
              if (r.ok) setOpen(false);
              else setError(r.messages.length ? r.messages : [r.message]);
            });
          }}
        >
          <Field label="Sub-account name" htmlFor="sub-name">
            <Input id="sub-name" name="name" required maxLength={120} />
          </Field>
          <FormError messages={error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create sub-account"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
