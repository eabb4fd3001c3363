import { listDevices } from "@/lib/devices/list";
import { platformRoute } from "@/lib/http/platform-route";

export const GET = platformRoute(async ({ ctx, url }) => listDevices(ctx, url.searchParams));
