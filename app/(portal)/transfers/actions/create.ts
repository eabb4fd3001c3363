"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";
import { createTransfer } from "@/lib/transfers/create";

export async function createTransferAction(input: {
  to_company_id: string;
  device_type_id: string;
  escrow_device_ids?: string[];
  unique_ids?: string[];
  expires_at?: string | null;
}) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const t = await createTransfer({ db, actor }, input);
    revalidatePath("/transfers");
    revalidatePath("/escrow-devices");
    return { id: t._id, deviceCount: t.device_count, status: t.status, autoAccepted: t.auto_accepted };
  });
}
