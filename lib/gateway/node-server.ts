import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Database } from "@/db/client";
import { AppError, loggable } from "@/lib/errors";
import { ClientGoneError } from "@/lib/http/respond";
import { clientAddress, stampClientAddress } from "./client-address";
import { GATEWAY_PREFIX, handleGateway } from "./handle";

/** Is this request for the gateway API? (decided on the parsed pathname, as the handler sees it) */
export function gatewayUrl(rawUrl: string | undefined): URL | null {
  if (!rawUrl?.startsWith(GATEWAY_PREFIX)) return null;
  const url = new URL(rawUrl, "http://localhost");
  return url.pathname.startsWith(GATEWAY_PREFIX) ? url : null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new AppError("too_large", "request body too large", { messages: [`the body may be ${limit} bytes at most`] });
  if (Number(req.headers["content-length"] ?? "0") > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(tooLarge());
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // A client that hangs up mid-body is not an error of ours: neither answered nor logged.
    req.on("aborted", () => reject(new ClientGoneError()));
    req.on("error", () => reject(new ClientGoneError()));
  });
}

/**
 * The gateway fast path on node:http: the same handler as the Next route, without Next's
 * per-request pipeline. The client address comes from the socket (and trusted proxies only).
 */
export async function serveGateway(database: Database | Promise<Database>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const out = await handleGateway(database, {
    method: req.method ?? "GET",
    pathname: url.pathname,
    query: url.searchParams,
    header: (name) => {
      const v = req.headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
    readBody: (limit) => readBody(req, limit),
    clientAddress: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]),
    signal: abort.signal,
  });
  if (res.destroyed) return;
  const body = out.body == null ? undefined : Buffer.from(out.body);
  const headers: Record<string, string | number> = { ...out.headers };
  if (body) headers["content-length"] = body.length;
  // A refused body that is still arriving: finish with this connection rather than read it all.
  if (!req.complete) headers.connection = "close";
  res.writeHead(out.status, headers);
  res.end(body);
}

/**
 * The HTTP server `npm start` runs: gateway paths on the fast path, everything else handed to
 * `fallback` (Next's request handler) with the client address stamped for its route handlers.
 */
export function createHandoffServer(opts: { database: () => Promise<Database>; fallback: (req: IncomingMessage, res: ServerResponse) => unknown }): Server {
  return createServer((req, res) => {
    const url = gatewayUrl(req.url);
    if (url) {
      serveGateway(opts.database(), req, res, url).catch((err) => {
        console.error("handoff: gateway request failed:", loggable(err));
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ error: "internal error", messages: ["an unexpected error occurred"] }));
      });
      return;
    }
    stampClientAddress(req.headers, clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]));
    opts.fallback(req, res);
  });
}
