import { readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { clientAddress, stampClientAddress } from "@/lib/gateway/client-address";

/**
 * Serves the app's real route handlers (app/api/**\/route.ts) over real HTTP on a random port,
 * backed by the given test database, without a Next build. Paths and [params] resolve the way
 * the App Router resolves them; static segments win over dynamic ones.
 */
interface RouteEntry {
  segments: string[];
  file: string;
  score: number;
}

function collectRoutes(dir: string, base: string[] = []): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collectRoutes(full, [...base, name]));
    else if (name === "route.ts") {
      const segs = base.filter((s) => !/^\(.*\)$/.test(s));
      const score = segs.reduce((acc, s) => acc * 3 + (s.startsWith("[...") ? 0 : s.startsWith("[") ? 1 : 2), 1);
      out.push({ segments: segs, file: full, score });
    }
  }
  return out;
}

function match(route: RouteEntry, parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i];
    if (seg.startsWith("[...")) {
      if (i >= parts.length) return null;
      params[seg.slice(4, -1)] = parts.slice(i).join("/");
      return params;
    }
    if (i >= parts.length) return null;
    if (seg.startsWith("[")) params[seg.slice(1, -1)] = decodeURIComponent(parts[i]);
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
      const handler = mod[req.method ?? "GET"] as ((r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>) | undefined;
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      // As the custom server does: the route handlers learn the socket's address, never a header's.
      stampClientAddress(req.headers, clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]));
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
      const response = await handler(request, { params: Promise.resolve(found.params) });
      const out = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(out);
    } catch (err) {
      res.writeHead(599, { "content-type": "text/plain" }).end(`test harness: handler threw: ${String(err)}`);
    }
  };
}
