"use server";

import { changePassword, endAllSessions } from "@/lib/accounts/password";
import { signOut } from "@/lib/auth/next-auth";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";

export async function changePasswordAction(input: { current_password: string; new_password: string }) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    return changePassword({ db, actor }, input);
  });
}

/** Ends every session of the user — this browser's too — and goes to sign-in. */
export async function signOutEverywhereAction() {
  const { db, actor } = await getPortal();
  await endAllSessions({ db, actor });
  await signOut({ redirectTo: "/sign-in" });
}
