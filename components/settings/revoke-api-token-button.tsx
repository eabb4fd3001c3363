"use client";

import { useState, useTransition } from "react";
import { revokeApiTokenAction } from "@/app/(portal)/settings/api-tokens/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";

export function RevokeApiTokenButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50">
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent title="Revoke this token?" description={`Scripts using “${name}” will get 401 from now on. This cannot be undone.`}>
        <FormError messages={error ? [error] : null} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await revokeApiTokenAction(id);
                if (r.ok) setOpen(false);
                else setError(r.message);
              })
            }
          >
            Revoke token
          </Button>
        </div>
      </DialogContent>
    </DialogRoot>
  );
}
