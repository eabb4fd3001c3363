import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { escrowDevices } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { escrowCheckin } from "./checkin";
import { activationWaiterCount } from "./long-poll";
import { setGatewayRateLimits } from "./rate-limit";
import { makeGatewayScenario, simulateAccept } from "./test-factories";

let database: Database;
let api: TestApi;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
});
beforeEach(() => setGatewayRateLimits(null));

describe("long-poll check-in", () => {
  it("answers active within 1 s of the accept's NOTIFY", async () => {
    const s = await makeGatewayScenario(database.db);
    const started = Date.now();
    const pending = api.call("POST", "/api/v1/gateway/escrow/checkin?wait=20", { body: { unique_id: s.uniqueId, token: s.token } });
    // Waiting (however long the first request takes to load on a busy machine), then a while more.
    for (let i = 0; i < 200 && activationWaiterCount(database) < 1; i++) await sleep(50);
    expect(activationWaiterCount(database)).toBeGreaterThanOrEqual(1);
    await sleep(1200);
    const acceptedAt = Date.now();
    const device = await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id });
    const r = await pending;
    const answeredAt = Date.now();
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe("active");
    expect(r.body.device._id).toBe(device.id);
    expect(answeredAt - acceptedAt).toBeLessThan(1000);
    expect(answeredAt - started).toBeGreaterThan(1000);
    expect(activationWaiterCount(database)).toBe(0);
  });

  it("finds the activation by re-checking even without a notification, and ends with escrow at the end of the wait", async () => {
    const s = await makeGatewayScenario(database.db);
    const t0 = Date.now();
    const idle = await api.call("POST", "/api/v1/gateway/escrow/checkin?wait=1", { body: { unique_id: s.uniqueId, token: s.token } });
    expect(idle.status).toBe(200);
    expect(idle.body.mode).toBe("escrow");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(idle.body.poll_after).toBeGreaterThanOrEqual(1);

    const pending = api.call("POST", "/api/v1/gateway/escrow/checkin?wait=8", { body: { unique_id: s.uniqueId, token: s.token } });
    await sleep(300);
    await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id, notify: false });
    const r = await pending;
    expect(r.body.mode).toBe("active");
  });

  it("a notification for other unique_ids does not answer the wait; deletion mid-wait gives the 401", async () => {
    const s = await makeGatewayScenario(database.db);
    const other = await makeGatewayScenario(database.db);
    const pending = api.call("POST", "/api/v1/gateway/escrow/checkin?wait=3", { body: { unique_id: s.uniqueId, token: s.token } });
    await sleep(300);
    await simulateAccept(database.db, other.escrow.id, { accountId: other.customer.id, deviceTypeId: other.customerType.id });
    const r = await pending;
    expect(r.body.mode).toBe("escrow");

    const p2 = api.call("POST", "/api/v1/gateway/escrow/checkin?wait=10", { body: { unique_id: s.uniqueId, token: s.token } });
    await sleep(300);
    await database.db.delete(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    await database.db.execute(sql`select pg_notify('handoff_device_active', ${JSON.stringify([s.uniqueId])})`);
    const r2 = await p2;
    expect(r2.status).toBe(401);
    expect(r2.body.error).toBe("invalid credentials");
  });

  it("a client that goes away ends its wait and leaves no waiter behind", async () => {
    const s = await makeGatewayScenario(database.db);
    const controller = new AbortController();
    const t0 = Date.now();
    const pending = escrowCheckin(database, { unique_id: s.uniqueId, token: s.token }, { wait: 20, ip: "127.0.0.1", signal: controller.signal });
    await sleep(300);
    expect(activationWaiterCount(database)).toBe(1);
    controller.abort();
    const r = await pending;
    expect(r.mode).toBe("escrow");
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(activationWaiterCount(database)).toBe(0);
  });
});
