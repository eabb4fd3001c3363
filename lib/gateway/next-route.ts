import { getDatabase } from "@/db/client";
import { readText } from "@/lib/http/respond";
import { CLIENT_ADDRESS_HEADER, stampedClientAddress } from "./client-address";
import { handleGateway } from "./handle";

/**
 * The gateway API as a Next route handler (for `next dev`, or `next start` without the custom
 * server). The client address is the one the server in front of Next stamped; without one every
 * client shares the address "unverified" — never one a client can choose by a header.
 */
export async function nextGatewayRoute(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const out = await handleGateway(getDatabase(), {
    method: req.method,
    pathname: url.pathname,
    query: url.searchParams,
    header: (name) => req.headers.get(name),
    readBody: (limit) => readText(req, limit),
    clientAddress: stampedClientAddress(req.headers.get(CLIENT_ADDRESS_HEADER)),
    signal: req.signal,
  });
  return new Response(out.body, { status: out.status, headers: out.headers });
}
