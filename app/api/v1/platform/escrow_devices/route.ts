import { createEscrowDevice } from "@/lib/escrow-devices/create";
import { listEscrowDevices } from "@/lib/escrow-devices/list";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const GET = platformRoute(async ({ ctx, url }) => listEscrowDevices(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req }) => createEscrowDevice(ctx, await readJson(req)), { status: 201 });
