import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";
import { acceptTransfer } from "@/lib/transfers/accept";

/** Accept, optionally with `{"device_type_id"}` overriding the device type. */
export const POST = platformRoute<{ id: string }>(async ({ ctx, req, params }) => acceptTransfer(ctx, params.id, await readJson(req, { allowEmpty: true })));
