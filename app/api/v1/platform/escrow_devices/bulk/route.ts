import { bulkCreateEscrowDevices } from "@/lib/escrow-devices/bulk";
import { bulkDeleteEscrowDevices } from "@/lib/escrow-devices/delete";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

// 10,000 rows with tokens can exceed the usual 1 MB body limit.
const BULK_BODY_LIMIT = 4_000_000;

export const POST = platformRoute(async ({ ctx, req }) => bulkCreateEscrowDevices(ctx, await readJson(req, { limit: BULK_BODY_LIMIT })), { status: 201 });
export const DELETE = platformRoute(async ({ ctx, req }) => bulkDeleteEscrowDevices(ctx, await readJson(req)));
