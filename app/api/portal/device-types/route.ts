import { portalRoute } from "@/lib/http/portal-route";
import { deviceTypeOptions } from "@/lib/transfers/inbox";

export const dynamic = "force-dynamic";

export const GET = portalRoute(async ({ portal }) => deviceTypeOptions(portal, portal.account.id));
