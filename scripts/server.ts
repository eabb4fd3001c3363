// The production server `npm start` runs, compiled to plain JavaScript by scripts/build-server.mjs:
// gateway paths on the fast path (lib/gateway/node-server.ts), everything else through Next's
// request handler. (It also runs as is under tsx: `node --import tsx scripts/server.ts`.)
import next from "next";
import { getDatabase } from "@/db/client";
import { loadConfig } from "@/lib/config";
import { parseTrustedProxies } from "@/lib/gateway/client-address";
import { createHandoffServer } from "@/lib/gateway/node-server";
import { flushPollTimes } from "@/lib/gateway/write-behind";

async function main() {
  loadConfig();
  parseTrustedProxies(process.env.HANDOFF_TRUSTED_PROXIES);
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOST || "0.0.0.0";
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  await getDatabase();
  const server = createHandoffServer({ database: getDatabase, fallback: (req, res) => handle(req, res) });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A deep accept queue: a fleet powering on together opens thousands of connections at once
    // (Node's default backlog of 511 drops the rest into SYN retries and connect timeouts).
    server.listen({ port, host: hostname, backlog: 4096 }, resolve);
  });
  console.log(`handoff: listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Poll times collected but not yet written (write-behind) go out before the process does.
    await flushPollTimes().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error("handoff: start-up failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
