import { matchingEscrowDevices } from "@/lib/escrow-devices/matching";
import { portalRoute } from "@/lib/http/portal-route";

export const dynamic = "force-dynamic";

export const GET = portalRoute(async ({ url, portal }) =>
  matchingEscrowDevices(portal, { companyId: portal.account.id, q: url.searchParams.get("q"), status: url.searchParams.get("status") }),
);
