import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import type { Database } from "@/db/client";
import { contractProblems, warmContract } from "@/lib/openapi/contract";
import { routeRequestHandler } from "./route-server";

export interface TestApi {
  url: string;
  server: Server;
  /** fetch against the test server with JSON conveniences. */
  // biome-ignore lint/suspicious/noExplicitAny: test responses are asserted field by field
  call(method: string, p: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startTestApi(database: Database): Promise<TestApi> {
  (globalThis as unknown as { __handoffDb?: Promise<Database> }).__handoffDb = Promise.resolve(database);
  const server = createServer(routeRequestHandler());
  // Longer than the client's idle timeout, so the client, not the server, closes idle sockets: a
  // test that pauses (seeding 10,000 rows) never sends on a socket the server is closing.
  server.keepAliveTimeout = 65_000;
  warmContract();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  return {
    url,
    server,
    async call(method, p, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = opts.token;
      let body: string | undefined;
      if (opts.rawBody !== undefined) body = opts.rawBody;
      else if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
      const r = await fetch(url + p, { method, headers, body });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      // Every response the API suite receives must match the OpenAPI document (the contract test).
      const problems = contractProblems(method, new URL(url + p).pathname, r.status, r.headers.get("content-type"), parsed);
      if (problems.length) throw new Error(`response does not match the OpenAPI document:\n${problems.join("\n")}`);
      return { status: r.status, body: parsed, headers: r.headers };
    },
  };
}
