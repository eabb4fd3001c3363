"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { createDeviceType } from "@/lib/device-types/create";
import { deleteDeviceType } from "@/lib/device-types/delete";
import type { DeviceTypeFormOutput } from "@/lib/device-types/schemas";
import { updateDeviceType } from "@/lib/device-types/update";
import { runAction } from "@/lib/http/action-result";

export async function saveDeviceTypeAction(id: string | null, input: DeviceTypeFormOutput) {
  return runAction(async () => {
    const portal = await getPortal();
    const out = id ? await updateDeviceType(portal, id, input) : await createDeviceType(portal, { ...input, company_id: portal.account.id });
    revalidatePath("/device-types");
    return { id: out._id };
  });
}

export async function deleteDeviceTypeAction(id: string) {
  return runAction(async () => {
    const portal = await getPortal();
    await deleteDeviceType(portal, id);
    revalidatePath("/device-types");
    return { id };
  });
}
