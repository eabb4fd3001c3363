"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { createEscrowDevice } from "@/lib/escrow-devices/create";
import { bulkDeleteEscrowDevices, deleteEscrowDevice } from "@/lib/escrow-devices/delete";
import { updateEscrowDevice } from "@/lib/escrow-devices/update";
import { runAction } from "@/lib/http/action-result";

export async function createEscrowDeviceAction(input: { unique_id: string; token?: string; device_type_id?: string | null }) {
  return runAction(async () => {
    const portal = await getPortal();
    const out = await createEscrowDevice(portal, { ...input, company_id: portal.account.id });
    revalidatePath("/escrow-devices");
    return { id: out._id, uniqueId: out.unique_id, token: "token" in out ? (out.token as string) : null };
  });
}

export async function deleteEscrowDevicesAction(ids: string[]) {
  return runAction(async () => {
    const portal = await getPortal();
    const out = await bulkDeleteEscrowDevices(portal, { ids });
    revalidatePath("/escrow-devices");
    return out;
  });
}

export async function deleteEscrowDeviceAction(id: string) {
  return runAction(async () => {
    const portal = await getPortal();
    await deleteEscrowDevice(portal, id);
    revalidatePath("/escrow-devices");
    return { id };
  });
}

export async function rotateTokenAction(id: string) {
  return runAction(async () => {
    const portal = await getPortal();
    const out = await updateEscrowDevice(portal, id, { generate_token: true });
    revalidatePath(`/escrow-devices/${id}`);
    return { token: "token" in out ? (out.token as string) : "" };
  });
}

export async function setEscrowDeviceTypeAction(id: string, deviceTypeId: string | null) {
  return runAction(async () => {
    const portal = await getPortal();
    await updateEscrowDevice(portal, id, { device_type_id: deviceTypeId });
    revalidatePath(`/escrow-devices/${id}`);
    return { id };
  });
}
