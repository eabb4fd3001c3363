import { portalRoute } from "@/lib/http/portal-route";
import { listPartners } from "@/lib/transfers/partners";

export const dynamic = "force-dynamic";

export const GET = portalRoute(async ({ portal }) => listPartners(portal, new URLSearchParams({ company_id: portal.account.id })));
