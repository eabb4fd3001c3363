import { createDeviceType } from "@/lib/device-types/create";
import { listDeviceTypes } from "@/lib/device-types/list";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const GET = platformRoute(async ({ ctx, url }) => listDeviceTypes(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req }) => createDeviceType(ctx, await readJson(req)), { status: 201 });
