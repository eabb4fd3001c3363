"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/next-auth";
import { ACCOUNT_COOKIE, getPortal } from "@/lib/auth/portal";
import { notFound } from "@/lib/errors";
import { runAction } from "@/lib/http/action-result";

/** Switches the current account; the server checks the membership now and on every request. */
export async function switchAccountAction(accountId: string) {
  return runAction(async () => {
    const portal = await getPortal();
    if (!portal.accounts.some((a) => a.id === accountId)) throw notFound("account");
    (await cookies()).set(ACCOUNT_COOKIE, accountId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
    revalidatePath("/", "layout");
    return { accountId };
  });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
