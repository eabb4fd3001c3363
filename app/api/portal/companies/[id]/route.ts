import { getPublicCompany } from "@/lib/accounts/companies";
import { portalRoute } from "@/lib/http/portal-route";

export const dynamic = "force-dynamic";

/** The destination look-up of the transfer dialog: an account's name by its exact id, nothing more. */
export const GET = portalRoute<{ id: string }>(async ({ params, portal }) => getPublicCompany(portal, params.id.trim()));
