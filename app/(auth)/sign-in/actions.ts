"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";

export interface SignInState {
  error?: string;
  email?: string;
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeNext(String(form.get("next") ?? "")),
    });
    return {};
  } catch (err) {
    // Wrong password and unknown email read the same. Anything else (the redirect) propagates.
    if (err instanceof AuthError) return { error: "That email and password don't match an account.", email };
    throw err;
  }
}

function safeNext(next: string): string {
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
