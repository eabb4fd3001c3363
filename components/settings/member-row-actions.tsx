"use client";

import { useState, useTransition } from "react";
import { changeRoleAction, removeMemberAction } from "@/app/(portal)/settings/members/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

export function MemberRowActions({ userId, email, role }: { userId: string; email: string; role: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2 md:flex-nowrap md:justify-end">
      {error ? (
        <span role="alert" className="w-full text-xs text-red-600 md:w-auto md:max-w-xs md:truncate" title={error}>
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
      <ConfirmButton
        label="Remove"
        ariaLabel={`Remove ${email}`}
        variant="ghost"
        size="sm"
        className="text-red-600 hover:bg-red-50"
        title="Remove member?"
        description={`${email} will lose access to this account and its sub-accounts.`}
        confirmLabel="Remove member"
        onConfirm={async () => {
          const r = await removeMemberAction(userId);
          return r.ok ? null : [r.message];
        }}
      />
    </div>
  );
}
