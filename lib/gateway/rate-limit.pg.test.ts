import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, openPostgres, queryRows } from "@/db/client";
import { gatewayRateLimits } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { rawRequest } from "@/lib/test/raw-http";
import { gatewayLimiters, setGatewayRateLimits } from "./rate-limit";
import { makeGatewayScenario } from "./test-factories";
import { startFastPath } from "./test-servers";

const CHECKIN = "/api/v1/gateway/escrow/checkin";
let a: Database;
let b: Database;
let fastA: Awaited<ReturnType<typeof startFastPath>>;
let fastB: Awaited<ReturnType<typeof startFastPath>>;

beforeAll(async () => {
  a = await testDatabase({ max: 20 });
  // A second instance: its own pool, limiters and server, on the same PostgreSQL database.
  const [{ current_database: name }] = await queryRows<{ current_database: string }>(a.db, sql`select current_database()`);
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  b = await openPostgres(u.toString(), { migrate: false, max: 5 });
  fastA = await startFastPath(a);
  fastB = await startFastPath(b);
});
afterAll(async () => {
  await fastA?.close();
  await fastB?.close();
  await b?.close();
});
beforeEach(() => setGatewayRateLimits(null));

describe("lockouts are shared by every instance on one PostgreSQL", () => {
  it("failures made through instance A lock the unique_id and the address on instance B", async () => {
    await setGatewayRateLimits({ failuresPerIp: 12 });
    const s = await makeGatewayScenario(a.db);
    for (let i = 0; i < 10; i++) expect((await rawRequest(fastA.url, { path: CHECKIN, body: { unique_id: s.uniqueId, token: `wrong-${i}` }, from: "127.0.0.20" })).status).toBe(401);
    const onB = await rawRequest(fastB.url, { path: CHECKIN, body: { unique_id: s.uniqueId, token: s.token }, from: "127.0.0.21" });
    expect(onB.status).toBe(429);
    expect(Number(onB.headers["retry-after"])).toBeGreaterThan(500);
    // Two more failures from the same address, split over both instances, reach its limit of 12.
    expect((await rawRequest(fastB.url, { path: CHECKIN, body: { unique_id: "nobody-1", token: "x-wrong" }, from: "127.0.0.20" })).status).toBe(401);
    expect((await rawRequest(fastA.url, { path: CHECKIN, body: { unique_id: "nobody-2", token: "x-wrong" }, from: "127.0.0.20" })).status).toBe(401);
    const other = await makeGatewayScenario(a.db);
    expect((await rawRequest(fastB.url, { path: CHECKIN, body: { unique_id: other.uniqueId, token: other.token }, from: "127.0.0.20" })).status).toBe(429);
    expect((await rawRequest(fastB.url, { path: CHECKIN, body: { unique_id: other.uniqueId, token: other.token }, from: "127.0.0.22" })).status).toBe(200);
  });

  it("a lockout survives a flood of 100,500 distinct other keys, and instance B still sees it", async () => {
    const s = await makeGatewayScenario(a.db);
    for (let i = 0; i < 10; i++) await rawRequest(fastA.url, { path: CHECKIN, body: { unique_id: s.uniqueId, token: `wrong-${i}` }, from: "127.0.0.23" });
    const l = gatewayLimiters(a);
    const FLOOD = 100_500;
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < FLOOD) {
          const i = next++;
          await l.uidFailures.consume(`flood-${i}`);
          await l.requests.consume(`flood-${i}`);
        }
      }),
    );
    expect(await a.db.$count(gatewayRateLimits)).toBeGreaterThanOrEqual(FLOOD + 1);
    for (const fast of [fastA, fastB]) {
      const r = await rawRequest(fast.url, { path: CHECKIN, body: { unique_id: s.uniqueId, token: s.token }, from: "127.0.0.24" });
      expect(r.status).toBe(429);
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(400);
    }
  }, 240_000);
});
