import { getDb } from "@/db/client";
import { loadUserActor } from "@/lib/auth/actor";
import { auth } from "@/lib/auth/next-auth";
import { liveDevices } from "@/lib/devices/live";
import { liveEscrowDevices } from "@/lib/escrow-devices/live";
import { errorResponse, json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

const KINDS = { devices: liveDevices, "escrow-devices": liveEscrowDevices } as const;

/**
 * Session-authenticated (browser) JSON polled by list and detail pages: the fields that change
 * under the user (`?ids=a,b,…`, only records of the user's accounts; others are simply absent).
 */
export async function GET(req: Request, { params }: { params: Promise<{ kind: string }> }) {
  try {
    const { kind } = await params;
    const load = Object.hasOwn(KINDS, kind) ? KINDS[kind as keyof typeof KINDS] : null;
    if (!load) return json({ error: "not found", messages: ["no such live list"] }, 404);
    const userId = (await auth())?.user?.id;
    const db = await getDb();
    const actor = userId ? await loadUserActor(db, userId, "browser") : null;
    if (!actor) return json({ error: "authentication required", messages: ["sign in first"] }, 401);
    const ids = (new URL(req.url).searchParams.get("ids") ?? "").split(",").filter((s) => /^[0-9a-z]{1,64}$/.test(s));
    return json({ resources: await load({ db, actor }, ids) });
  } catch (err) {
    return errorResponse(err);
  }
}
