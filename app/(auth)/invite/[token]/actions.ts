"use server";

import { cookies } from "next/headers";
import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { createUserByInvitation } from "@/lib/accounts/signup-invitation";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { ACCOUNT_COOKIE } from "@/lib/auth/portal";
import { AppError } from "@/lib/errors";

export interface InviteSignUpState {
  messages?: string[];
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

/** A new person creates their login through the invitation and lands in the account they joined. */
export async function inviteSignUpAction(_prev: InviteSignUpState, form: FormData): Promise<InviteSignUpState> {
  const values = {
    first_name: String(form.get("first_name") ?? ""),
    last_name: String(form.get("last_name") ?? ""),
    email: String(form.get("email") ?? ""),
  };
  const password = String(form.get("password") ?? "");
  let accountId: string;
  try {
    ({ accountId } = await createUserByInvitation(await getDb(), { ...values, password, invitation_token: String(form.get("token") ?? "") }));
  } catch (err) {
    if (err instanceof AppError) return { messages: err.messages, fieldErrors: err.fieldErrors, values };
    throw err;
  }
  (await cookies()).set(ACCOUNT_COOKIE, accountId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  try {
    await signIn("credentials", { email: values.email, password, redirectTo: "/escrow-devices" });
  } catch (err) {
    if (err instanceof AuthError) return { messages: ["Your login was created, but signing in failed. Please sign in."], values };
    throw err;
  }
  return {};
}

/** Signed in as someone else: sign out, and come back to the invitation. */
export async function signOutToInviteAction(form: FormData) {
  const token = String(form.get("token") ?? "");
  await signOut({ redirectTo: `/invite/${encodeURIComponent(token)}` });
}
