import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/db/client";
import { routeRequestHandler } from "@/lib/test/route-server";
import { createHandoffServer } from "./node-server";

/**
 * The server `npm start` runs, on a real socket: the gateway fast path, and the app's real route
 * handlers behind it where `npm start` has Next (no build needed in tests).
 */
export async function startFastPath(database: Database): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  (globalThis as unknown as { __handoffDb?: Promise<Database> }).__handoffDb = Promise.resolve(database);
  const server = createHandoffServer({ database: async () => database, fallback: routeRequestHandler() });
  await new Promise<void>((r) => server.listen(0, "0.0.0.0", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
