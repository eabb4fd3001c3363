"use client";

import { changeRoleAction, removeMemberAction } from "@/app/(portal)/settings/members/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useActionDialog } from "@/components/ui/use-action-dialog";

export function MemberRowActions({ userId, email, role }: { userId: string; email: string; role: string }) {
  const d = useActionDialog<unknown>();
  const error = d.errors?.messages.join(" ");
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
        disabled={d.pending}
        onChange={(e) => {
          const select = e.target;
          d.run(
            () => changeRoleAction(userId, select.value),
            undefined,
            () => {
              select.value = role;
            },
          );
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
        action={() => removeMemberAction(userId)}
      />
    </div>
  );
}
