import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { escrowDevices, gatewayRateLimits } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { rawRequest } from "@/lib/test/raw-http";
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies, stampClientAddress, stampedClientAddress, UNVERIFIED_ADDRESS } from "./client-address";
import { nextGatewayRoute } from "./next-route";
import { gatewayLimiters, setGatewayRateLimits } from "./rate-limit";
import { makeEscrowDevice, makeGatewayScenario } from "./test-factories";
import { startFastPath } from "./test-servers";

let database: Database;
let api: TestApi;
let fast: Awaited<ReturnType<typeof startFastPath>>;
const CHECKIN = "/api/v1/gateway/escrow/checkin";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
  fast = await startFastPath(database);
});
beforeEach(async () => {
  delete process.env.HANDOFF_TRUSTED_PROXIES;
  await setGatewayRateLimits(null);
});
afterAll(async () => {
  delete process.env.HANDOFF_TRUSTED_PROXIES;
  await fast?.close();
  await setGatewayRateLimits(null);
});

/** A check-in on the fast path from a real TCP peer (127.0.0.0/8 is all loopback here). */
const checkin = (from: string, body: object, headers: Record<string, string> = {}, base = fast.url) => rawRequest(base, { path: CHECKIN, body, from, headers });

describe("client address", () => {
  it("is the TCP peer; behind trusted proxies the right-most X-Forwarded-For entry that is not one", () => {
    const none = parseTrustedProxies("");
    expect(clientAddress("203.0.113.5", "1.2.3.4", none)).toBe("203.0.113.5");
    expect(clientAddress("::ffff:203.0.113.5", undefined, none)).toBe("203.0.113.5");
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8");
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9", trusted)).toBe("198.51.100.7");
    expect(clientAddress("10.1.2.3", ["6.6.6.6", "192.168.1.7"], trusted)).toBe("6.6.6.6");
    expect(clientAddress("10.1.2.3", undefined, trusted)).toBe("10.1.2.3");
    expect(clientAddress("10.1.2.3", "not-an-address", trusted)).toBe("10.1.2.3");
    expect(clientAddress("fd00::1", "2001:db8::9", trusted)).toBe("2001:db8::9");
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/HANDOFF_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("example.com")).toThrow(/HANDOFF_TRUSTED_PROXIES/);
  });

  it("route handlers trust only the stamp of the server in front; a client-sent stamp is ignored", async () => {
    const headers: Record<string, string | string[] | undefined> = { [CLIENT_ADDRESS_HEADER]: "forged 6.6.6.6" };
    stampClientAddress(headers, "198.51.100.7");
    expect(stampedClientAddress(headers[CLIENT_ADDRESS_HEADER] as string)).toBe("198.51.100.7");
    expect(stampedClientAddress("forged 6.6.6.6")).toBe(UNVERIFIED_ADDRESS);
    expect(stampedClientAddress(null)).toBe(UNVERIFIED_ADDRESS);
    // Without a server in front (next dev): every client is "unverified", whatever it sends.
    await setGatewayRateLimits({ failuresPerIp: 3 });
    const call = (xff: string) =>
      nextGatewayRoute(
        new Request(`http://localhost${CHECKIN}`, {
          method: "POST",
          headers: { "x-forwarded-for": xff, [CLIENT_ADDRESS_HEADER]: `guess ${xff}` },
          body: JSON.stringify({ unique_id: `nobody-${xff}`, token: "wrong-token" }),
        }),
      );
    for (const xff of ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) expect((await call(xff)).status).toBe(401);
    expect((await call("4.4.4.4")).status).toBe(429);
  });
});

describe("forged X-Forwarded-For neither escapes nor poisons the per-address limit", () => {
  for (const face of ["fast path", "route handler"] as const) {
    it(`no trusted proxy (${face})`, async () => {
      await setGatewayRateLimits({ failuresPerIp: 5 });
      const base = face === "fast path" ? fast.url : api.url;
      const s = await makeGatewayScenario(database.db);
      const victim = await makeEscrowDevice(database.db, s.maker.id);
      // The attacker rotates forged headers, and forges the victim's address too.
      for (let i = 0; i < 5; i++)
        expect((await checkin("127.0.0.2", { unique_id: `guess-${face}-${i}`, token: "wrong-token" }, { "x-forwarded-for": i % 2 ? "127.0.0.3" : `198.51.100.${i}` }, base)).status).toBe(401);
      const blocked = await checkin("127.0.0.2", { unique_id: `guess-${face}-x`, token: "wrong-token" }, { "x-forwarded-for": "203.0.113.77" }, base);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(1);
      // Even the attacker's right token waits; the victim's real address is untouched.
      expect((await checkin("127.0.0.2", { unique_id: s.uniqueId, token: s.token }, {}, base)).status).toBe(429);
      expect((await checkin("127.0.0.3", { unique_id: victim.uniqueId, token: victim.token }, {}, base)).status).toBe(200);
    });
  }

  it("behind a trusted proxy: the proxy's appended entry counts, the client's own entries do not", async () => {
    process.env.HANDOFF_TRUSTED_PROXIES = "127.0.0.9/32";
    await setGatewayRateLimits({ failuresPerIp: 5 });
    const s = await makeGatewayScenario(database.db);
    const victim = await makeEscrowDevice(database.db, s.maker.id);
    // What a proxy at 127.0.0.9 forwards: the client's forged header, then the real peer appended.
    const via = (forged: string, real: string) => ({ "x-forwarded-for": `${forged}, ${real}` });
    for (let i = 0; i < 5; i++) expect((await checkin("127.0.0.9", { unique_id: `px-guess-${i}`, token: "wrong-token" }, via(`10.0.0.${i}`, "198.51.100.66"))).status).toBe(401);
    expect((await checkin("127.0.0.9", { unique_id: "px-guess-x", token: "wrong-token" }, via("198.51.100.1", "198.51.100.66"))).status).toBe(429);
    // The attacker forged the victim's address as its left-most entry: the victim is unaffected.
    expect((await checkin("127.0.0.9", { unique_id: victim.uniqueId, token: victim.token }, via("198.51.100.66", "198.51.100.8"))).status).toBe(200);
    // A client that is not the proxy cannot use the header at all: its peer address counts.
    for (let i = 0; i < 5; i++) expect((await checkin("127.0.0.4", { unique_id: `direct-${i}`, token: "wrong-token" }, { "x-forwarded-for": "198.51.100.8" })).status).toBe(401);
    expect((await checkin("127.0.0.4", { unique_id: s.uniqueId, token: s.token }, { "x-forwarded-for": "198.51.100.8" })).status).toBe(429);
    expect((await checkin("127.0.0.9", { unique_id: s.uniqueId, token: s.token }, via("127.0.0.4", "198.51.100.8"))).status).toBe(200);
  });
});

describe("gateway rate limits", () => {
  it("a flood of wrong tokens → 429 with Retry-After; even the right token waits; after the window it gets in", async () => {
    await setGatewayRateLimits({ failureWindowMs: 2000 });
    const s = await makeGatewayScenario(database.db);
    for (let i = 0; i < 10; i++) expect((await checkin("127.0.0.5", { unique_id: s.uniqueId, token: `wrong-token-${i}` })).status).toBe(401);
    const flooded = await checkin("127.0.0.5", { unique_id: s.uniqueId, token: "wrong-again" });
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(flooded.body).toMatchObject({ error: "too many requests" });
    const right = await checkin("127.0.0.6", { unique_id: s.uniqueId, token: s.token });
    expect(right.status).toBe(429);
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row.firstCheckinAt).toBeNull();
    await sleep(2100);
    const later = await checkin("127.0.0.6", { unique_id: s.uniqueId, token: s.token });
    expect(later.status).toBe(200);
    expect(later.body.mode).toBe("escrow");
  });

  it("more than 12 requests per unique_id per minute → 429 even with the right token", async () => {
    await setGatewayRateLimits({ requestWindowMs: 1500 });
    const s = await makeGatewayScenario(database.db);
    for (let i = 0; i < 12; i++) expect((await checkin("127.0.0.5", { unique_id: s.uniqueId, token: s.token })).status).toBe(200);
    const r = await checkin("127.0.0.5", { unique_id: s.uniqueId, token: s.token });
    expect(r.status).toBe(429);
    expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    await sleep(1600);
    expect((await checkin("127.0.0.5", { unique_id: s.uniqueId, token: s.token })).status).toBe(200);
  });

  it("failed attempts per address are limited; successful check-ins from it never count; device tokens share the budget", async () => {
    await setGatewayRateLimits({ failuresPerIp: 5 });
    const s = await makeGatewayScenario(database.db);
    const fleet = await Promise.all(Array.from({ length: 8 }, () => makeEscrowDevice(database.db, s.maker.id)));
    // A whole factory behind one NAT: many successes, no limit.
    for (const g of fleet) expect((await checkin("127.0.0.7", { unique_id: g.uniqueId, token: g.token })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await checkin("127.0.0.8", { unique_id: `guess-${i}`, token: "nope-nope-nope" })).status).toBe(401);
    expect((await checkin("127.0.0.8", { unique_id: fleet[0].uniqueId, token: fleet[0].token })).status).toBe(429);
    const hb = await rawRequest(fast.url, { path: "/api/v1/gateway/heartbeat", headers: { authorization: "Device nope" }, body: {}, from: "127.0.0.8" });
    expect(hb.status).toBe(429);
    expect((await checkin("127.0.0.7", { unique_id: fleet[1].uniqueId, token: fleet[1].token })).status).toBe(200);
  });

  it("a lockout survives a flood of distinct other keys (the store never evicts); the lockout lives in the shared table", async () => {
    const s = await makeGatewayScenario(database.db);
    for (let i = 0; i < 10; i++) expect((await checkin("127.0.0.10", { unique_id: s.uniqueId, token: `wrong-${i}` })).status).toBe(401);
    expect((await checkin("127.0.0.11", { unique_id: s.uniqueId, token: s.token })).status).toBe(429);
    // 100,500 keys against the in-memory request budget, 3,000 against the table here (PGlite runs
    // one query at a time); rate-limit.pg.test.ts floods the table with 100,500 on PostgreSQL.
    const l = gatewayLimiters(database);
    for (let i = 0; i < 100_500; i++) await l.requests.consume(`flood-${i}`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 3_000) await l.uidFailures.consume(`flood-${next++}`);
      }),
    );
    expect(await database.db.$count(gatewayRateLimits)).toBeGreaterThanOrEqual(3_001);
    const still = await checkin("127.0.0.11", { unique_id: s.uniqueId, token: s.token });
    expect(still.status).toBe(429);
    expect(Number(still.headers["retry-after"])).toBeGreaterThan(400);
  }, 120_000);
});
