import { readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { clientAddress, stampClientAddress } from "@/lib/gateway/client-address";
import { isMalformedPath, malformedApiPathResponse } from "@/lib/http/malformed-path";

/**
 * Serves the app's real route handlers (app/api/**\/route.ts) over real HTTP on a random port,
 * backed by the given test database, without a Next build. Paths and [params] resolve the way
 * the App Router resolves them; static segments win over dynamic ones.
 */
export interface RouteEntry {
  segments: string[];
  file: string;
  score: number;
}

export function collectRoutes(dir: string, base: string[] = []): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collectRoutes(full, [...base, name]));
    else if (name === "route.ts") {
      const segs = base.filter((s) => !/^\(.*\)$/.test(s));
      const score = segs.reduce((acc, s) => acc * 3 + (s.includes("...") ? 0 : s.startsWith("[") ? 1 : 2), 1);
      out.push({ segments: segs, file: full, score });
    }
  }
  return out;
}

function match(route: RouteEntry, parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i];
    if (seg.startsWith("[...") || seg.startsWith("[[...")) {
      // [...x] takes one segment or more; the optional [[...x]] also none.
      const optional = seg.startsWith("[[");
      if (i >= parts.length && !optional) return null;
      params[seg.slice(optional ? 5 : 4, optional ? -2 : -1)] = parts.slice(i).join("/");
      return params;
    }
    if (i >= parts.length) return null;
    if (seg.startsWith("[")) params[seg.slice(1, -1)] = decodeURIComponent(parts[i]); // checked by isMalformedPath
    else if (seg !== parts[i]) return null;
  }
  return route.segments.length === parts.length ? params : null;
}

/** A node:http request listener serving the app's real route handlers (no Next build). */
export function routeRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = path.join(process.cwd(), "app");
  const routes = collectRoutes(root).sort((a, b) => b.segments.length - a.segments.length || b.score - a.score);
  const modules = new Map<string, Record<string, unknown>>();

  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      // What proxy.ts does in front of Next's router.
      if (isMalformedPath(url.pathname)) {
        await send(res, malformedApiPathResponse(url.pathname) ?? new Response(null, { status: 404 }));
        return;
      }
      const parts = url.pathname.split("/").filter(Boolean);
      let found: { route: RouteEntry; params: Record<string, string> } | null = null;
      for (const r of routes) {
        const params = match(r, parts);
        if (params) {
          found = { route: r, params };
          break;
        }
      }
      if (!found) {
        res.writeHead(404).end();
        return;
      }
      let mod = modules.get(found.route.file);
      if (!mod) {
        mod = (await import(/* @vite-ignore */ found.route.file)) as Record<string, unknown>;
        modules.set(found.route.file, mod);
      }
      type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
      const method = req.method ?? "GET";
      // As Next does: HEAD falls back to GET, OPTIONS lists the methods, others are a 405.
      const handler = (mod[method] ?? (method === "HEAD" ? mod.GET : undefined)) as Handler | undefined;
      if (!handler) {
        const allow = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"].filter((m) => m === "OPTIONS" || (m === "HEAD" ? mod.GET : mod[m]));
        res.writeHead(method === "OPTIONS" ? 204 : 405, { allow: allow.join(", ") }).end();
        return;
      }
      // As the custom server does: the route handlers learn the socket's address, never a header's.
      stampClientAddress(req.headers, clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]));
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      // The body streams into the handler as it does under Next, so a client that goes away
      // mid-body breaks the handler's read, not the harness.
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const body = hasBody ? bodyStream(req) : undefined;
      const request = new Request(url, { method: req.method, headers, body, duplex: "half" } as RequestInit);
      await send(res, await handler(request, { params: Promise.resolve(found.params) }));
    } catch (err) {
      if (!res.headersSent) res.writeHead(599, { "content-type": "text/plain" });
      res.end(`test harness: handler threw: ${String(err)}`);
    }
  };
}

/**
 * The request body as a web stream. A client that goes away mid-body errors the stream (as under
 * Next); a handler that stops reading (413) leaves the rest to be drained, so the client that is
 * still sending gets the answer rather than a reset connection.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (c: Buffer) => {
        controller.enqueue(new Uint8Array(c));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.on("end", () => controller.close());
      req.on("close", () => {
        if (!req.complete) controller.error(new Error("aborted"));
      });
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.removeAllListeners("data");
      req.resume();
    },
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const out = Buffer.from(await response.arrayBuffer());
  const req = res.req;
  if (req && !req.complete && !req.destroyed) {
    req.removeAllListeners("data");
    req.resume();
    await new Promise<void>((r) => {
      req.once("end", r);
      req.once("close", r);
    });
  }
  if (res.destroyed) return;
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(out);
}
