import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { escrowDevices } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { rateLimitSizes, setGatewayRateLimits } from "./rate-limit";
import { makeEscrowDevice, makeGatewayScenario } from "./test-factories";

let database: Database;
let api: TestApi;
const CHECKIN = "/api/v1/gateway/escrow/checkin";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
});
beforeEach(() => setGatewayRateLimits(null));
afterAll(() => setGatewayRateLimits(null));

const from = (ip: string) => ({ "x-forwarded-for": `${ip}, 10.0.0.1` });

describe("gateway rate limits", () => {
  it("a flood of wrong tokens → 429 with Retry-After; even the right token waits; after the window it gets in", async () => {
    setGatewayRateLimits({ failureWindowMs: 1500 });
    const s = await makeGatewayScenario(database.db);
    for (let i = 0; i < 10; i++) {
      const r = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: `wrong-token-${i}` }, headers: from("198.51.100.7") });
      expect(r.status).toBe(401);
    }
    const flooded = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: "wrong-again" }, headers: from("198.51.100.7") });
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(flooded.body.error).toBe("too many requests");

    const right = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token }, headers: from("203.0.113.9") });
    expect(right.status).toBe(429);
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row.firstCheckinAt).toBeNull();

    await sleep(1600);
    const later = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token }, headers: from("203.0.113.9") });
    expect(later.status).toBe(200);
    expect(later.body.mode).toBe("escrow");
  });

  it("more than 12 requests per unique_id per minute → 429 even with the right token", async () => {
    setGatewayRateLimits({ requestWindowMs: 1500 });
    const s = await makeGatewayScenario(database.db);
    for (let i = 0; i < 12; i++) expect((await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } })).status).toBe(200);
    const r = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await sleep(1600);
    expect((await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } })).status).toBe(200);
  });

  it("failed attempts per IP are limited; successful check-ins from that IP never count", async () => {
    setGatewayRateLimits({ failuresPerIp: 5, ipWindowMs: 60_000 });
    const maker = await makeGatewayScenario(database.db);
    const fleet = await Promise.all(Array.from({ length: 8 }, () => makeEscrowDevice(database.db, maker.maker.id)));
    // A whole factory behind one NAT: many successes, no limit.
    for (const g of fleet) expect((await api.call("POST", CHECKIN, { body: { unique_id: g.uniqueId, token: g.token }, headers: from("192.0.2.1") })).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await api.call("POST", CHECKIN, { body: { unique_id: `guess-${i}`, token: "nope-nope-nope" }, headers: from("192.0.2.66") })).status).toBe(401);
    const blocked = await api.call("POST", CHECKIN, { body: { unique_id: fleet[0].uniqueId, token: fleet[0].token }, headers: from("192.0.2.66") });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(1);
    // x-real-ip is used when there is no x-forwarded-for; another address is unaffected.
    expect((await api.call("POST", CHECKIN, { body: { unique_id: fleet[1].uniqueId, token: fleet[1].token }, headers: { "x-real-ip": "192.0.2.77" } })).status).toBe(200);
    // Device-token endpoints share the per-IP failure budget.
    expect((await api.call("POST", "/api/v1/gateway/heartbeat", { token: "Device nope", headers: from("192.0.2.66") })).status).toBe(429);
  });

  it("memory stays bounded: old keys are pruned past maxKeys", async () => {
    setGatewayRateLimits({ maxKeys: 50 });
    for (let i = 0; i < 120; i++) await api.call("POST", CHECKIN, { body: { unique_id: `unknown-${i}`, token: "x-x-x-x-x-x" }, headers: from(`10.1.${i}.1`) });
    const sizes = rateLimitSizes();
    expect(sizes.uidFailures).toBeLessThanOrEqual(50);
    expect(sizes.uidRequests).toBeLessThanOrEqual(50);
    expect(sizes.ipFailures).toBeLessThanOrEqual(50);
  });
});
