"use client";

import { useActionState } from "react";
import { type InviteSignUpState, inviteSignUpAction } from "@/app/(auth)/invite/[token]/actions";
import { NameFields, NewPasswordField } from "@/components/auth/person-fields";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";

export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<InviteSignUpState, FormData>(inviteSignUpAction, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <NameFields errors={fe} values={state.values} />
      <Field label="Email" htmlFor="email" hint="The address this invitation was sent to." errors={fe.email}>
        <Input id="email" name="email" type="email" value={email} readOnly />
      </Field>
      <NewPasswordField errors={fe} />
      {!Object.keys(fe).length ? <FormError messages={state.messages} /> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Create login and join"}
      </Button>
    </form>
  );
}
