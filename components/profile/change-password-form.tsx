"use client";

import { useRef } from "react";
import { changePasswordAction } from "@/app/(portal)/profile/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useActionDialog } from "@/components/ui/use-action-dialog";

const FIELDS = ["current_password", "new_password", "confirm_password"];

export function ChangePasswordForm() {
  const form = useRef<HTMLFormElement>(null);
  const d = useActionDialog<{ ended_sessions: number }>();
  const done = d.result?.ended_sessions;
  return (
    <form
      ref={form}
      className="max-w-md space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const next = String(f.get("new_password") ?? "");
        if (next !== String(f.get("confirm_password") ?? "")) return d.fail({ confirm_password: ["does not match the new password"] });
        d.run(
          () => changePasswordAction({ current_password: String(f.get("current_password") ?? ""), new_password: next }),
          () => form.current?.reset(),
        );
      }}
    >
      <Field label="Current password" htmlFor="current_password" errors={d.fieldErrors("current_password")}>
        <Input id="current_password" name="current_password" type="password" autoComplete="current-password" required />
      </Field>
      <Field label="New password" htmlFor="new_password" hint="At least 10 characters." errors={d.fieldErrors("new_password")}>
        <Input id="new_password" name="new_password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Confirm new password" htmlFor="confirm_password" errors={d.fieldErrors("confirm_password")}>
        <Input id="confirm_password" name="confirm_password" type="password" autoComplete="new-password" required />
      </Field>
      <FormError messages={d.general(FIELDS)} title={d.errors?.summary} />
      {done != null ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200">
          Password changed. {done ? `${done} other session${done === 1 ? " was" : "s were"} signed out.` : "No other session was signed in."} API tokens keep
          working.
        </p>
      ) : null}
      <Button type="submit" disabled={d.pending}>
        {d.pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
