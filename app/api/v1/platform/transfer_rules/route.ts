import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";
import { createTransferRule, listTransferRules } from "@/lib/transfers/rules";

export const GET = platformRoute(async ({ ctx, url }) => listTransferRules(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req }) => createTransferRule(ctx, await readJson(req)), { status: 201 });
