import { getDb } from "@/db/client";
import { deviceConfig, matchesIfNoneMatch } from "@/lib/gateway/config";
import { gatewayRoute } from "@/lib/gateway/http";
import { clientIp } from "@/lib/gateway/rate-limit";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = gatewayRoute(async (req) => {
  const { body, version } = await deviceConfig(await getDb(), req.headers.get("authorization"), clientIp(req));
  const etag = `"${version}"`;
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), version))
    return new Response(null, { status: 304, headers: { etag, "cache-control": "no-cache" } });
  return json(body, 200, { etag, "cache-control": "no-cache" });
});
