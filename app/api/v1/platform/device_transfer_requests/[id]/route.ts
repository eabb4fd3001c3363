import { platformRoute } from "@/lib/http/platform-route";
import { cancelTransfer } from "@/lib/transfers/cancel";
import { getTransfer } from "@/lib/transfers/get";

export const GET = platformRoute<{ id: string }>(async ({ ctx, params }) => getTransfer(ctx, params.id));
/** Cancel: the request stays on record with status `cancelled`. */
export const DELETE = platformRoute<{ id: string }>(async ({ ctx, params }) => cancelTransfer(ctx, params.id));
