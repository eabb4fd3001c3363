import { platformRoute } from "@/lib/http/platform-route";
import { listDeliveries } from "@/lib/webhooks/deliveries";

export const GET = platformRoute<{ id: string }>(async ({ ctx, params, url }) => listDeliveries(ctx, params.id, url.searchParams));
