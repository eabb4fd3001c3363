import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";
import { deleteWebhook } from "@/lib/webhooks/delete";
import { getWebhook } from "@/lib/webhooks/get";
import { updateWebhook } from "@/lib/webhooks/update";

type P = { id: string };
export const GET = platformRoute<P>(async ({ ctx, params }) => getWebhook(ctx, params.id));
export const PUT = platformRoute<P>(async ({ ctx, params, req }) => updateWebhook(ctx, params.id, await readJson(req)));
export const DELETE = platformRoute<P>(async ({ ctx, params }) => deleteWebhook(ctx, params.id));
