"use server";

import { revalidatePath } from "next/cache";
import { getPortal } from "@/lib/auth/portal";
import { runAction } from "@/lib/http/action-result";
import { createWebhook } from "@/lib/webhooks/create";
import { deleteWebhook } from "@/lib/webhooks/delete";
import { resendDelivery, sendTestEvent } from "@/lib/webhooks/resend";
import { updateWebhook } from "@/lib/webhooks/update";

const PATH = "/settings/webhooks";

export async function createWebhookAction(input: { url: string; description: string; events: string[] }) {
  return runAction(async () => {
    const { db, actor, account } = await getPortal();
    const created = await createWebhook({ db, actor }, { ...input, company_id: account.id });
    revalidatePath(PATH);
    return { id: created._id, secret: created.secret };
  });
}

export async function setWebhookActiveAction(id: string, active: boolean) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    await updateWebhook({ db, actor }, id, { active });
    revalidatePath(PATH);
    return { id };
  });
}

export async function deleteWebhookAction(id: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    await deleteWebhook({ db, actor }, id);
    revalidatePath(PATH);
    return { id };
  });
}

export async function sendTestWebhookAction(id: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const d = await sendTestEvent({ db, actor }, id);
    revalidatePath(PATH);
    return { status: d.status, code: d.last_status_code, error: d.last_error };
  });
}

export async function resendDeliveryAction(webhookId: string, deliveryId: string) {
  return runAction(async () => {
    const { db, actor } = await getPortal();
    const d = await resendDelivery({ db, actor }, webhookId, deliveryId);
    revalidatePath(PATH);
    return { status: d.status, code: d.last_status_code, error: d.last_error };
  });
}
