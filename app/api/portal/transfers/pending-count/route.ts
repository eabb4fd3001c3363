import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { loadUserActor } from "@/lib/auth/actor";
import { auth } from "@/lib/auth/next-auth";
import { ACCOUNT_COOKIE } from "@/lib/auth/portal";
import { errorResponse, json } from "@/lib/http/respond";
import { countPendingIncoming } from "@/lib/transfers/inbox";

export const dynamic = "force-dynamic";

/**
 * Session-authenticated (browser) JSON: pending incoming transfer requests of an account the
 * signed-in user belongs to — `?account_id=` or the current account. Polled by the nav badge.
 */
export async function GET(req: Request) {
  try {
    const session = await auth();
    const userId = session?.user?.id;
    if (!userId) return json({ error: "authentication required", messages: ["sign in first"] }, 401);
    const db = await getDb();
    const actor = await loadUserActor(db, userId, "browser");
    if (!actor) return json({ error: "authentication required", messages: ["sign in first"] }, 401);
    const wanted = new URL(req.url).searchParams.get("account_id") || (await cookies()).get(ACCOUNT_COOKIE)?.value || actor.primaryAccountId;
    return json({ account_id: wanted, count: await countPendingIncoming({ db, actor }, wanted) });
  } catch (err) {
    return errorResponse(err);
  }
}
