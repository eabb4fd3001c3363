import { listEvents } from "@/lib/audit/list";
import { platformRoute } from "@/lib/http/platform-route";

export const GET = platformRoute(async ({ ctx, url }) => listEvents(ctx, url.searchParams));
