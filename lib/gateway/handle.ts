import type { Database } from "@/db/client";
import { errorParts, parseJsonText } from "@/lib/http/respond";
import { escrowCheckin } from "./checkin";
import { deviceConfig, matchesIfNoneMatch } from "./config";
import { heartbeat } from "./heartbeat";
import { GATEWAY_BODY_LIMIT, parseWait } from "./schemas";

/**
 * The gateway API (API.md §5) as one framework-free function: the custom server's fast path
 * (node-server.ts) and Next's route handler (next-route.ts) both only adapt their request to this
 * and write back what it returns, so the two faces cannot drift apart.
 */
export const GATEWAY_PREFIX = "/api/v1/gateway/";

export interface GatewayRequest {
  method: string;
  /** The URL's pathname, as WHATWG URL parsing gives it. */
  pathname: string;
  query: URLSearchParams;
  header(name: string): string | null;
  /** The body as text; throws AppError("too_large") past `limit` bytes. */
  readBody(limit: number): Promise<string>;
  /** Who is asking (client-address.ts), never taken from a client's header. */
  clientAddress: string;
  /** Aborts when the client goes away (ends a long-poll). */
  signal?: AbortSignal;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

const jsonHeaders = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
const answer = (body: unknown, status = 200, headers: Record<string, string> = {}): GatewayResponse => ({
  status,
  headers: { ...jsonHeaders, ...headers },
  body: JSON.stringify(body),
});

function methodNotAllowed(allow: string): GatewayResponse {
  return answer({ error: "method not allowed", messages: [`use ${allow}`] }, 405, { allow });
}

async function route(database: Database, req: GatewayRequest): Promise<GatewayResponse> {
  switch (req.pathname) {
    case "/api/v1/gateway/escrow/checkin": {
      if (req.method !== "POST") return methodNotAllowed("POST");
      const wait = parseWait(req.query);
      const body = parseJsonText(await req.readBody(GATEWAY_BODY_LIMIT));
      return answer(await escrowCheckin(database, body, { wait, ip: req.clientAddress, signal: req.signal }));
    }
    case "/api/v1/gateway/heartbeat": {
      if (req.method !== "POST") return methodNotAllowed("POST");
      const body = parseJsonText(await req.readBody(GATEWAY_BODY_LIMIT), { allowEmpty: true });
      return answer(await heartbeat(database, req.header("authorization"), body, req.clientAddress));
    }
    case "/api/v1/gateway/config": {
      if (req.method !== "GET") return methodNotAllowed("GET");
      const { body, version } = await deviceConfig(database, req.header("authorization"), req.clientAddress);
      const etag = `"${version}"`;
      if (matchesIfNoneMatch(req.header("if-none-match"), version)) return { status: 304, headers: { etag, "cache-control": "no-cache" }, body: null };
      return answer(body, 200, { etag, "cache-control": "no-cache" });
    }
    default:
      // Unknown gateway paths answer in the API's own error shape, not with an HTML page.
      return answer({ error: "not found", messages: ["no such endpoint"] }, 404);
  }
}

// Off by default: handler durations would help a timing attack. The check-in benchmark turns it on.
const serverTiming = process.env.HANDOFF_SERVER_TIMING === "1";

export async function handleGateway(database: Database | Promise<Database>, req: GatewayRequest): Promise<GatewayResponse> {
  const started = serverTiming ? performance.now() : 0;
  let res: GatewayResponse;
  try {
    res = await route(await database, req);
  } catch (err) {
    const p = errorParts(err);
    res = answer(p.body, p.status, p.headers);
  }
  if (req.method === "HEAD") res.body = null;
  if (serverTiming) res.headers["server-timing"] = `handler;dur=${(performance.now() - started).toFixed(3)}`;
  return res;
}
