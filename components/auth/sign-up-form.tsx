"use client";

import { useActionState } from "react";
import { type SignUpState, signUpAction } from "@/app/(auth)/sign-up/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { NameFields, NewPasswordField } from "./person-fields";

export function SignUpForm() {
  const [state, action, pending] = useActionState<SignUpState, FormData>(signUpAction, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field label="Company name" htmlFor="company_name" errors={fe.company_name}>
        <Input id="company_name" name="company_name" required defaultValue={state.values?.company_name} />
      </Field>
      <NameFields errors={fe} values={state.values} />
      <Field label="Email" htmlFor="email" errors={fe.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <NewPasswordField errors={fe} />
      {!Object.keys(fe).length ? <FormError messages={state.messages} /> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
