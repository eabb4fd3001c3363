import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";
import { createWebhook } from "@/lib/webhooks/create";
import { listWebhooks } from "@/lib/webhooks/get";

export const GET = platformRoute(async ({ ctx, url }) => listWebhooks(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req }) => createWebhook(ctx, await readJson(req)), { status: 201 });
