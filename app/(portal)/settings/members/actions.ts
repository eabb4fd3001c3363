"use server";

import { revalidatePath } from "next/cache";
import { changeRole, inviteMember, removeMember } from "@/lib/accounts/members";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";

export async function inviteMemberAction(input: { email: string; role: string; password?: string }) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const user = await inviteMember({ db, actor }, { ...input, password: input.password || undefined, company_id: account.id });
    revalidatePath("/settings/members");
    return { email: user.email };
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
