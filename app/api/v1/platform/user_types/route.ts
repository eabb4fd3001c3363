import { listUserTypes } from "@/lib/accounts/user-types";
import { platformRoute } from "@/lib/http/platform-route";

export const GET = platformRoute(async ({ url }) => listUserTypes(url.searchParams));
