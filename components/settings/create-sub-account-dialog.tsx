"use client";

import { Plus } from "lucide-react";
import { createSubAccountAction } from "@/app/(portal)/settings/sub-accounts/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogRoot, DialogSubmit, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useActionDialog } from "@/components/ui/use-action-dialog";

export function CreateSubAccountDialog({ parentName }: { parentName: string }) {
  const d = useActionDialog<unknown>();
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
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
            d.run(() => createSubAccountAction(name), () => d.setOpen(false));
          }}
        >
          <Field label="Sub-account name" htmlFor="sub-name" errors={d.fieldErrors("name")}>
            <Input id="sub-name" name="name" required maxLength={120} />
          </Field>
          <FormError messages={d.general(["name"])} />
          <DialogSubmit label="Create sub-account" pendingLabel="Creating…" pending={d.pending} />
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
