import { deleteEscrowDevice } from "@/lib/escrow-devices/delete";
import { getEscrowDevice } from "@/lib/escrow-devices/get";
import { updateEscrowDevice } from "@/lib/escrow-devices/update";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

type P = { id: string };
export const GET = platformRoute<P>(async ({ ctx, params }) => getEscrowDevice(ctx, params.id));
export const PUT = platformRoute<P>(async ({ ctx, params, req }) => updateEscrowDevice(ctx, params.id, await readJson(req)));
export const DELETE = platformRoute<P>(async ({ ctx, params }) => deleteEscrowDevice(ctx, params.id));
