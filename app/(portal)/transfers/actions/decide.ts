"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";
import { acceptTransfer } from "@/lib/transfers/accept";
import { rejectTransfer } from "@/lib/transfers/reject";

export async function acceptTransferAction(requestId: string, deviceTypeId: string | null) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const t = await acceptTransfer({ db, actor }, String(requestId), { device_type_id: deviceTypeId || null });
    revalidatePath("/transfers");
    revalidatePath(`/transfers/${t._id}`);
    return { created: t.device_count - Object.keys(t.errors ?? {}).length, errors: t.errors ?? {}, resolvedDeviceTypeId: t.resolved_device_type_id };
  });
}

export async function rejectTransferAction(requestId: string, reason: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const t = await rejectTransfer({ db, actor }, String(requestId), { reason });
    revalidatePath("/transfers");
    revalidatePath(`/transfers/${t._id}`);
    return { status: t.status };
  });
}
