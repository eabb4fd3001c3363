import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * A real HTTP receiver on 127.0.0.1 for tests and the bench. `respond` decides each answer's status
 * (default 200); a status of 0 never answers (a hung receiver).
 */
export async function startReceiver(respond: (r: Received, nth: number) => number = () => 200) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const r: Received = { headers: req.headers, body, json: JSON.parse(body) };
      received.push(r);
      const nth = received.filter((x) => x.headers["webhook-id"] === req.headers["webhook-id"]).length;
      const status = respond(r, nth);
      for (const w of waiters.splice(0)) w();
      if (status === 0) return;
      res.writeHead(status).end();
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    /** Unique events received (deduplicated by webhook-id, as a receiver should). */
    unique(): Received[] {
      const seen = new Map<string, Received>();
      for (const r of received) if (!seen.has(String(r.headers["webhook-id"]))) seen.set(String(r.headers["webhook-id"]), r);
      return [...seen.values()];
    },
    async waitFor(pred: (all: Received[]) => boolean, timeoutMs = 20_000): Promise<void> {
      const end = Date.now() + timeoutMs;
      while (!pred(received)) {
        if (Date.now() > end) throw new Error(`receiver: timed out; got ${received.map((r) => r.json.type).join(", ") || "nothing"}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
