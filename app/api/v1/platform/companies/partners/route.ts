import { platformRoute } from "@/lib/http/platform-route";
import { listPartners } from "@/lib/transfers/partners";

export const GET = platformRoute(async ({ ctx, url }) => listPartners(ctx, url.searchParams));
