import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";
import { rejectTransfer } from "@/lib/transfers/reject";

export const POST = platformRoute<{ id: string }>(async ({ ctx, req, params }) => rejectTransfer(ctx, params.id, await readJson(req, { allowEmpty: true })));
