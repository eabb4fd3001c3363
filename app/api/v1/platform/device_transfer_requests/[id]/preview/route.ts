import { platformRoute } from "@/lib/http/platform-route";
import { previewTransfer } from "@/lib/transfers/preview";

export const GET = platformRoute<{ id: string }>(async ({ ctx, params, url }) => previewTransfer(ctx, params.id, url.searchParams.get("device_type_id")));
