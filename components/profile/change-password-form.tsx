"use client";

import { useRef, useState, useTransition } from "react";
import { changePasswordAction } from "@/app/(portal)/profile/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";

export function ChangePasswordForm() {
  const form = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<{ messages: string[]; fields: Record<string, string[]> } | null>(null);
  const [done, setDone] = useState<number | null>(null);
  return (
    <form
      ref={form}
      className="max-w-md space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const next = String(f.get("new_password") ?? "");
        if (next !== String(f.get("confirm_password") ?? "")) {
          setDone(null);
          setErrors({ messages: [], fields: { confirm_password: ["does not match the new password"] } });
          return;
        }
        start(async () => {
          const r = await changePasswordAction({ current_password: String(f.get("current_password") ?? ""), new_password: next });
          if (r.ok) {
            setErrors(null);
            setDone(r.data.ended_sessions);
            form.current?.reset();
          } else {
            setDone(null);
            setErrors({ messages: r.messages.length ? r.messages : [r.message], fields: r.fieldErrors });
          }
        });
      }}
    >
      <Field label="Current password" htmlFor="current_password" errors={errors?.fields.current_password}>
        <Input id="current_password" name="current_password" type="password" autoComplete="current-password" required />
      </Field>
      <Field label="New password" htmlFor="new_password" hint="At least 10 characters." errors={errors?.fields.new_password}>
        <Input id="new_password" name="new_password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Confirm new password" htmlFor="confirm_password" errors={errors?.fields.confirm_password}>
        <Input id="confirm_password" name="confirm_password" type="password" autoComplete="new-password" required />
      </Field>
      {errors && !Object.keys(errors.fields).length ? <FormError messages={errors.messages} /> : null}
      {done != null ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200">
          Password changed. {done ? `${done} other session${done === 1 ? " was" : "s were"} signed out.` : "No other session was signed in."} API tokens keep
          working.
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
