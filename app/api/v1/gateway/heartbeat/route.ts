import { getDb } from "@/db/client";
import { heartbeat } from "@/lib/gateway/heartbeat";
import { gatewayRoute } from "@/lib/gateway/http";
import { clientIp } from "@/lib/gateway/rate-limit";
import { GATEWAY_BODY_LIMIT } from "@/lib/gateway/schemas";
import { readJson } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const POST = gatewayRoute(async (req) => {
  const body = await readJson(req, { limit: GATEWAY_BODY_LIMIT, allowEmpty: true });
  return heartbeat(await getDb(), req.headers.get("authorization"), body, clientIp(req));
});
