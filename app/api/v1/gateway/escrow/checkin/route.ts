import { getDatabase } from "@/db/client";
import { escrowCheckin } from "@/lib/gateway/checkin";
import { gatewayRoute } from "@/lib/gateway/http";
import { clientIp } from "@/lib/gateway/rate-limit";
import { GATEWAY_BODY_LIMIT, parseWait } from "@/lib/gateway/schemas";
import { readJson } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const POST = gatewayRoute(async (req) => {
  const wait = parseWait(new URL(req.url));
  const body = await readJson(req, { limit: GATEWAY_BODY_LIMIT });
  return escrowCheckin(await getDatabase(), body, { wait, ip: clientIp(req), signal: req.signal });
});
