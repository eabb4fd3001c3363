import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, devices } from "@/db/schema";
import { digest } from "@/lib/auth/secrets";
import { testDatabase } from "@/lib/test/db";
import { ctxFor, makeUser } from "@/lib/test/factories";
import { rawRequest } from "@/lib/test/raw-http";
import { acceptTransfer } from "@/lib/transfers/accept";
import { createTransfer } from "@/lib/transfers/create";
import { activationBatchStats } from "./activation-batch";
import { activationWaiterCount } from "./long-poll";
import { setGatewayRateLimits } from "./rate-limit";
import { makeEscrowDevice, makeGatewayScenario } from "./test-factories";
import { startFastPath } from "./test-servers";

let database: Database;
let fast: Awaited<ReturnType<typeof startFastPath>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await testDatabase({ max: 30 });
  fast = await startFastPath(database);
});
beforeEach(() => setGatewayRateLimits(null));
afterAll(() => fast?.close());

describe("activation in batches", () => {
  it("one accept of 200 long-polling gateways: each gets exactly one valid device token and one activation event, in a few batches", async () => {
    const N = 200;
    const s = await makeGatewayScenario(database.db);
    const fleet = [s, ...(await Promise.all(Array.from({ length: N - 1 }, () => makeEscrowDevice(database.db, s.maker.id, { deviceTypeId: s.type.id }))))];
    const makerAdmin = await ctxFor(database.db, (await makeUser(database.db, { accountId: s.maker.id, role: "admin" })).id);
    const buyerAdmin = await ctxFor(database.db, (await makeUser(database.db, { accountId: s.customer.id, role: "admin" })).id);
    const request = (await createTransfer(makerAdmin, { to_company_id: s.customer.id, device_type_id: s.type.id, escrow_device_ids: fleet.map((g) => g.escrow.id) })) as { _id: string };

    const waits = fleet.map((g) =>
      rawRequest(fast.url, { path: "/api/v1/gateway/escrow/checkin?wait=30", body: { unique_id: g.uniqueId, token: g.token } }).then((r) => ({ r, at: Date.now() })),
    );
    for (let i = 0; i < 400 && activationWaiterCount(database) < N; i++) await sleep(50);
    expect(activationWaiterCount(database)).toBe(N);
    const before = activationBatchStats(database);

    await acceptTransfer(buyerAdmin, request._id, { device_type_id: s.customerType.id });
    const acceptedAt = Date.now();
    const answers = await Promise.all(waits);
    const after = activationBatchStats(database);

    for (const { r, at } of answers) {
      expect(r.status).toBe(200);
      expect(r.body.mode).toBe("active");
      expect(at - acceptedAt).toBeLessThan(2000);
    }
    // Woken together, answered together: far fewer batches than gateways. (A waiter's own 5 s
    // re-check that happens to fall in this window is a check, and maybe a batch, of its own.)
    const checks = after.gateways - before.gateways;
    expect(checks).toBeGreaterThanOrEqual(N);
    expect(after.batches - before.batches).toBeLessThanOrEqual(10 + (checks - N));

    const tokens = answers.map(({ r }) => r.body.device_token as string);
    expect(new Set(tokens).size).toBe(N);
    const rows = await database.db.select().from(devices).where(inArray(devices.uniqueId, fleet.map((g) => g.uniqueId)));
    expect(rows).toHaveLength(N);
    const byUid = new Map(rows.map((d) => [d.uniqueId, d]));
    answers.forEach(({ r }, i) => {
      const d = byUid.get(fleet[i].uniqueId)!;
      expect(r.body.device._id).toBe(d.id);
      expect(d.deviceTokenDigest).toBe(digest(tokens[i]));
      expect(d.configDeliveredAt).toBeInstanceOf(Date);
    });
    // Each token works (its first use also retires that gateway's escrow token).
    const hb = await Promise.all(tokens.map((t) => rawRequest(fast.url, { path: "/api/v1/gateway/heartbeat", headers: { authorization: `Device ${t}` }, body: {} })));
    expect(hb.map((h) => h.status)).toEqual(tokens.map(() => 200));

    const events = await database.db
      .select({ accountId: auditEvents.accountId, subjectType: auditEvents.subjectType, subjectId: auditEvents.subjectId, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "gateway.activated"), inArray(auditEvents.accountId, [s.customer.id, s.maker.id])));
    const deviceEvents = events.filter((e) => e.subjectType === "device");
    expect(deviceEvents).toHaveLength(N);
    expect(new Set(deviceEvents.map((e) => e.subjectId))).toEqual(new Set(rows.map((d) => d.id)));
    expect(deviceEvents.every((e) => e.accountId === s.customer.id && e.actorId === e.subjectId)).toBe(true);
    const escrowEvents = events.filter((e) => e.subjectType === "escrow_device");
    expect(escrowEvents).toHaveLength(N);
    expect(new Set(escrowEvents.map((e) => e.subjectId))).toEqual(new Set(fleet.map((g) => g.escrow.id)));
  }, 120_000);
});
