"use client";

import { useActionState } from "react";
import { type InviteSignUpState, inviteSignUpAction } from "@/app/(auth)/invite/[token]/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";

export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<InviteSignUpState, FormData>(inviteSignUpAction, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <div className="grid grid-cols-2 gap-3">
        <Field label="First name" htmlFor="first_name" errors={fe.first_name}>
          <Input id="first_name" name="first_name" autoComplete="given-name" defaultValue={state.values?.first_name} />
        </Field>
        <Field label="Last name" htmlFor="last_name" errors={fe.last_name}>
          <Input id="last_name" name="last_name" autoComplete="family-name" defaultValue={state.values?.last_name} />
        </Field>
      </div>
      <Field label="Email" htmlFor="email" hint="The address this invitation was sent to." errors={fe.email}>
        <Input id="email" name="email" type="email" value={email} readOnly />
      </Field>
      <Field label="Password" htmlFor="password" hint="At least 10 characters." errors={fe.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      {!Object.keys(fe).length ? <FormError messages={state.messages} /> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Create login and join"}
      </Button>
    </form>
  );
}
