"use client";

import { useActionState } from "react";
import { type SignUpState, signUpAction } from "@/app/(auth)/sign-up/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";

export function SignUpForm() {
  const [state, action, pending] = useActionState<SignUpState, FormData>(signUpAction, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field label="Company name" htmlFor="company_name" errors={fe.company_name}>
        <Input id="company_name" name="company_name" required defaultValue={state.values?.company_name} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="First name" htmlFor="first_name" errors={fe.first_name}>
          <Input id="first_name" name="first_name" defaultValue={state.values?.first_name} />
        </Field>
        <Field label="Last name" htmlFor="last_name" errors={fe.last_name}>
          <Input id="last_name" name="last_name" defaultValue={state.values?.last_name} />
        </Field>
      </div>
      <Field label="Email" htmlFor="email" errors={fe.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" htmlFor="password" hint="At least 10 characters." errors={fe.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      {!Object.keys(fe).length ? <FormError messages={state.messages} /> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
