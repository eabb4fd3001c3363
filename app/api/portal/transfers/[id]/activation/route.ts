import { portalRoute } from "@/lib/http/portal-route";
import { getActivation } from "@/lib/transfers/activation";

export const dynamic = "force-dynamic";

export const GET = portalRoute<{ id: string }>(async ({ params, portal }) => getActivation(portal, params.id));
