import { Field, Input } from "@/components/ui/field";

type Errors = Partial<Record<string, string[]>>;

/** First and last name, side by side: a new login's name (sign-up, accepting an invitation). */
export function NameFields({ errors, values }: { errors: Errors; values?: { first_name?: string; last_name?: string } }) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <Field label="First name" htmlFor="first_name" errors={errors.first_name}>
        <Input id="first_name" name="first_name" autoComplete="given-name" defaultValue={values?.first_name} />
      </Field>
      <Field label="Last name" htmlFor="last_name" errors={errors.last_name}>
        <Input id="last_name" name="last_name" autoComplete="family-name" defaultValue={values?.last_name} />
      </Field>
    </div>
  );
}

/** A new login's password (never echoed back after a failed submit). */
export function NewPasswordField({ errors }: { errors: Errors }) {
  return (
    <Field label="Password" htmlFor="password" hint="At least 10 characters." errors={errors.password}>
      <Input id="password" name="password" type="password" autoComplete="new-password" required />
    </Field>
  );
}
