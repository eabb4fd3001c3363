"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { deleteInvitation } from "@/lib/accounts/invitation-decide";
import { createInvitation } from "@/lib/accounts/invitations";
import { changeRole, removeMember } from "@/lib/accounts/members";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";

/** The portal's own origin, for the invite link. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export async function inviteMemberAction(input: { email: string; role: string }) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const invitation = await createInvitation({ db, actor }, { ...input, company_id: account.id }, await origin());
    revalidatePath("/settings/members");
    return { email: invitation.email, role: invitation.role, inviteUrl: invitation.invite_url, expiresAt: invitation.expires_at };
  });
}

export async function revokeInvitationAction(invitationId: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const r = await deleteInvitation({ db, actor }, invitationId);
    revalidatePath("/settings/members");
    return { status: r.status };
  });
}

export async function changeRoleAction(userId: string, role: string) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const r = await changeRole({ db, actor }, { accountId: account.id, userId, role });
    revalidatePath("/settings/members");
    return r;
  });
}

export async function removeMemberAction(userId: string) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const r = await removeMember({ db, actor }, { accountId: account.id, userId });
    revalidatePath("/settings/members");
    return r;
  });
}
