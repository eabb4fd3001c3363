"use server";

import { revalidatePath } from "next/cache";
import { getPublicCompany } from "@/lib/accounts/companies";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";
import { createTransfer } from "@/lib/transfers/create";
import { deviceTypeOptions } from "@/lib/transfers/inbox";

/** Confirms a destination account id by its name before anything is sent. */
export async function lookupCompanyAction(id: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    return getPublicCompany({ db, actor }, String(id ?? "").trim());
  });
}

/** Device types of the originating account, for the dialog's select. */
export async function transferDeviceTypesAction(accountId: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    return deviceTypeOptions({ db, actor }, String(accountId));
  });
}

export async function createTransferAction(input: { to_company_id: string; device_type_id: string; escrow_device_ids: string[]; expires_at?: string | null }) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const t = await createTransfer({ db, actor }, input);
    revalidatePath("/transfers");
    revalidatePath("/escrow-devices");
    return { id: t._id, deviceCount: t.device_count };
  });
}
