"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { createAccountWithAdmin } from "@/lib/accounts/signup";
import { signIn } from "@/lib/auth/next-auth";
import { AppError } from "@/lib/errors";

export interface SignUpState {
  messages?: string[];
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

export async function signUpAction(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  const values = {
    company_name: String(form.get("company_name") ?? ""),
    first_name: String(form.get("first_name") ?? ""),
    last_name: String(form.get("last_name") ?? ""),
    email: String(form.get("email") ?? ""),
  };
  const password = String(form.get("password") ?? "");
  try {
    await createAccountWithAdmin(await getDb(), { ...values, password });
  } catch (err) {
    if (err instanceof AppError) return { messages: err.messages, fieldErrors: err.fieldErrors, values };
    throw err;
  }
  try {
    await signIn("credentials", { email: values.email, password, redirectTo: "/" });
  } catch (err) {
    if (err instanceof AuthError) return { messages: ["Your account was created, but signing in failed. Please sign in."], values };
    throw err;
  }
  return {};
}
