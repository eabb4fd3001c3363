import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";
import { createTransfer } from "@/lib/transfers/create";
import { listTransfers } from "@/lib/transfers/list";

export const GET = platformRoute(async ({ ctx, url }) => listTransfers(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req }) => createTransfer(ctx, await readJson(req)), { status: 201 });
