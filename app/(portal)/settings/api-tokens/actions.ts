"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/accounts/api-tokens";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";

export async function createApiTokenAction(name: string) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const created = await createApiToken({ db, actor }, { name }, account.id);
    revalidatePath("/settings/api-tokens");
    return { token: created.api_token, name: created.name };
  });
}

export async function revokeApiTokenAction(id: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    await revokeApiToken({ db, actor }, id);
    revalidatePath("/settings/api-tokens");
    return { id };
  });
}
