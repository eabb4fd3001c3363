import { platformRoute } from "@/lib/http/platform-route";
import { resendDelivery } from "@/lib/webhooks/resend";

export const POST = platformRoute<{ id: string; delivery_id: string }>(async ({ ctx, params }) => resendDelivery(ctx, params.id, params.delivery_id));
