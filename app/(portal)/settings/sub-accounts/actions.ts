"use server";

import { revalidatePath } from "next/cache";
import { createSubAccount } from "@/lib/accounts/companies";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";

export async function createSubAccountAction(name: string) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const created = await createSubAccount({ db, actor }, { name, company_id: account.id });
    revalidatePath("/", "layout");
    return { id: created._id, name: created.name };
  });
}
