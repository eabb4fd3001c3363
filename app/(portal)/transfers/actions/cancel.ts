"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";
import { cancelTransfer } from "@/lib/transfers/cancel";

export async function cancelTransferAction(requestId: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const t = await cancelTransfer({ db, actor }, String(requestId));
    revalidatePath("/transfers");
    revalidatePath(`/transfers/${t._id}`);
    revalidatePath("/escrow-devices");
    return { status: t.status };
  });
}
