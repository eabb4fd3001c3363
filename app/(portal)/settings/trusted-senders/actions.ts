"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";
import { createTransferRule, deleteTransferRule } from "@/lib/transfers/rules";

export async function createTransferRuleAction(input: { from_company_id: string; device_type_id?: string | null }) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const rule = await createTransferRule({ db, actor }, { ...input, company_id: account.id });
    revalidatePath("/settings/trusted-senders");
    return { id: rule._id };
  });
}

export async function deleteTransferRuleAction(id: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    await deleteTransferRule({ db, actor }, String(id));
    revalidatePath("/settings/trusted-senders");
    return null;
  });
}
