"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { acceptInvitation, acceptInvitationByToken, deleteInvitation, invitationByToken } from "@/lib/accounts/invitation-decide";
import { ACCOUNT_COOKIE, getSignedInUser } from "@/lib/auth/portal";
import { notFound, unauthenticated } from "@/lib/errors";
import { runAction } from "@/lib/http/action-result";

async function signedIn() {
  const ctx = await getSignedInUser();
  if (!ctx) throw unauthenticated("sign in first");
  return ctx;
}

/** After joining, the portal opens in the account just joined. */
async function openAccount(accountId: string) {
  (await cookies()).set(ACCOUNT_COOKIE, accountId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
}

export async function acceptInvitationAction(invitationId: string) {
  return runAction(async () => {
    const m = await acceptInvitation(await signedIn(), invitationId);
    await openAccount(m.company_id);
    return m;
  });
}

export async function declineInvitationAction(invitationId: string) {
  return runAction(async () => {
    const r = await deleteInvitation(await signedIn(), invitationId);
    revalidatePath("/", "layout");
    return { status: r.status };
  });
}

export async function acceptInviteLinkAction(token: string) {
  return runAction(async () => {
    const m = await acceptInvitationByToken(await signedIn(), token);
    await openAccount(m.company_id);
    return m;
  });
}

export async function declineInviteLinkAction(token: string) {
  return runAction(async () => {
    const ctx = await signedIn();
    const found = await invitationByToken(ctx.db, token);
    if (!found || found.invitation.email !== ctx.actor.email) throw notFound("invitation");
    const r = await deleteInvitation(ctx, found.invitation.id);
    revalidatePath("/", "layout");
    return { status: r.status };
  });
}
