import { liveDevices } from "@/lib/devices/live";
import { liveEscrowDevices } from "@/lib/escrow-devices/live";
import { portalRoute } from "@/lib/http/portal-route";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

const KINDS = { devices: liveDevices, "escrow-devices": liveEscrowDevices } as const;

/**
 * Session-authenticated (browser) JSON polled by list and detail pages: the fields that change
 * under the user (`?ids=a,b,…`, only records of the user's accounts; others are simply absent).
 */
export const GET = portalRoute<{ kind: string }>(async ({ url, params, portal }) => {
  const load = Object.hasOwn(KINDS, params.kind) ? KINDS[params.kind as keyof typeof KINDS] : null;
  if (!load) return json({ error: "not found", messages: ["no such live list"] }, 404);
  const ids = (url.searchParams.get("ids") ?? "").split(",").filter((s) => /^[0-9a-z]{1,64}$/.test(s));
  return { resources: await load(portal, ids) };
});
