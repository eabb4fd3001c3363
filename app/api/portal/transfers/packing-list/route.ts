import { portalRoute } from "@/lib/http/portal-route";
import { readJson } from "@/lib/http/respond";
import { checkPackingList } from "@/lib/transfers/packing-list";

export const dynamic = "force-dynamic";

/** A read (nothing is written): what sending this packing list from the current account would do. */
export const POST = portalRoute(async ({ req, portal }) => {
  const body = (await readJson(req, { limit: 2_000_000 })) as Record<string, unknown>;
  return checkPackingList(portal, { ...body, company_id: portal.account.id });
});
