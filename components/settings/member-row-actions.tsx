"use client";

import { useState, useTransition } from "react";
import { changeRoleAction, removeMemberAction } from "@/app/(portal)/settings/members/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";

export function MemberRowActions({ userId, email, role }: { userId: string; email: string; role: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  return (
    <div className="flex items-center justify-end gap-2">
      {error ? (
        <span role="alert" className="max-w-xs truncate text-xs text-red-600" title={error}>
          {error}
        </span>
      ) : null}
      <select
        aria-label={`Role of ${email}`}
        className="rounded-md border-0 py-1 pl-2 pr-7 text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        defaultValue={role}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          const select = e.target;
          start(async () => {
            const r = await changeRoleAction(userId, next);
            if (!r.ok) {
              setError(r.message);
              select.value = role;
            } else setError(null);
          });
        }}
      >
        <option value="viewer">Viewer</option>
        <option value="member">Member</option>
        <option value="admin">Admin</option>
      </select>
      <DialogRoot open={confirm} onOpenChange={setConfirm}>
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" aria-label={`Remove ${email}`}>
            Remove
          </Button>
        </DialogTrigger>
        <DialogContent title="Remove member?" description={`${email} will lose access to this account and its sub-accounts.`}>
          <FormError messages={error ? [error] : null} />
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirm(false)}>
              Keep
            </Button>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await removeMemberAction(userId);
                  if (r.ok) setConfirm(false);
                  else setError(r.message);
                })
              }
            >
              Remove member
            </Button>
          </div>
        </DialogContent>
      </DialogRoot>
    </div>
  );
}
