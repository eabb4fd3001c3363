// One server instance as `npm start` runs it — the gateway fast path in front, the app's real route
// handlers behind (where `npm start` has Next) — on DATABASE_URL, for tests that need several real
// server processes on one PostgreSQL. Prints "listening <port>". Usage: tsx lib/test/instance-server.ts
import type { AddressInfo } from "node:net";
import { getDatabase } from "@/db/client";
import { createHandoffServer } from "@/lib/gateway/node-server";
import { flushPollTimes } from "@/lib/gateway/write-behind";
import { routeRequestHandler } from "./route-server";

async function main() {
  await getDatabase();
  const server = createHandoffServer({ database: getDatabase, fallback: routeRequestHandler() });
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
  process.on("SIGTERM", async () => {
    server.closeAllConnections();
    await flushPollTimes().catch(() => {});
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
