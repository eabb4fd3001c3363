import { deleteDevice } from "@/lib/devices/delete";
import { getDevice } from "@/lib/devices/get";
import { updateDevice } from "@/lib/devices/update";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

type P = { id: string };
export const GET = platformRoute<P>(async ({ ctx, params }) => getDevice(ctx, params.id));
export const PUT = platformRoute<P>(async ({ ctx, params, req }) => updateDevice(ctx, params.id, await readJson(req)));
export const DELETE = platformRoute<P>(async ({ ctx, params }) => deleteDevice(ctx, params.id));
