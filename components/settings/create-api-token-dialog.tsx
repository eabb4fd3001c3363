"use client";

import { Plus } from "lucide-react";
import { createApiTokenAction } from "@/app/(portal)/settings/api-tokens/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogDone, DialogRoot, DialogSubmit, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useActionDialog } from "@/components/ui/use-action-dialog";

export function CreateApiTokenDialog() {
  const d = useActionDialog<{ token: string }>();
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="h-4 w-4" /> Create token
        </Button>
      </DialogTrigger>
      <DialogContent title={d.result ? "Your new API token" : "Create an API token"}>
        {d.result ? (
          <div className="space-y-4">
            <OneTimeSecret label="API token" value={d.result.token} testId="new-api-token">
              Copy it now: it will not be shown again. Handoff keeps only a digest.
            </OneTimeSecret>
            <DialogDone />
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const name = String(new FormData(e.currentTarget).get("name") ?? "");
              d.run(() => createApiTokenAction(name));
            }}
          >
            <Field label="Token name" htmlFor="token-name" hint="What will use it, e.g. “factory import script”." errors={d.fieldErrors("name")}>
              <Input id="token-name" name="name" required maxLength={80} />
            </Field>
            <FormError messages={d.general(["name"])} />
            <DialogSubmit label="Create token" pendingLabel="Creating…" pending={d.pending} />
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
