import { portalRoute } from "@/lib/http/portal-route";
import { countPendingIncoming } from "@/lib/transfers/inbox";

export const dynamic = "force-dynamic";

/**
 * Session-authenticated (browser) JSON: pending incoming transfer requests of an account the
 * signed-in user belongs to — `?account_id=` or the current account. Polled by the nav badge.
 */
export const GET = portalRoute(async ({ url, portal }) => {
  const wanted = url.searchParams.get("account_id") || portal.account.id;
  return { account_id: wanted, count: await countPendingIncoming(portal, wanted) };
});
