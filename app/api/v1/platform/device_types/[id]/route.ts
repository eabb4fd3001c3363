import { deleteDeviceType } from "@/lib/device-types/delete";
import { getDeviceType } from "@/lib/device-types/get";
import { updateDeviceType } from "@/lib/device-types/update";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

type P = { id: string };
export const GET = platformRoute<P>(async ({ ctx, params }) => getDeviceType(ctx, params.id));
export const PUT = platformRoute<P>(async ({ ctx, params, req }) => updateDeviceType(ctx, params.id, await readJson(req)));
export const DELETE = platformRoute<P>(async ({ ctx, params }) => deleteDeviceType(ctx, params.id));
