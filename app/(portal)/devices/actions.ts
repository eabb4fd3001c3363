"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { deleteDevice } from "@/lib/devices/delete";
import { updateDevice } from "@/lib/devices/update";
import { runAction } from "@/lib/http/action-result";

export async function updateDeviceAction(id: string, input: { name: string; tags: string[]; heartbeat_period: number }) {
  return runAction(async () => {
    const portal = await getPortal();
    await updateDevice(portal, id, input);
    revalidatePath(`/devices/${id}`);
    return { id };
  });
}

export async function deleteDeviceAction(id: string) {
  return runAction(async () => {
    const portal = await getPortal();
    await deleteDevice(portal, id);
    revalidatePath("/devices");
    return { id };
  });
}
