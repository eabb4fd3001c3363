import { platformRoute } from "@/lib/http/platform-route";
import { sendTestEvent } from "@/lib/webhooks/resend";

export const POST = platformRoute<{ id: string }>(async ({ ctx, params }) => sendTestEvent(ctx, params.id));
