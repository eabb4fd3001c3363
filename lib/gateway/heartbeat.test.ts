import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, devices, deviceTypes } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { setGatewayRateLimits } from "./rate-limit";
import { makeGatewayScenario, simulateAccept } from "./test-factories";

let database: Database;
let api: TestApi;

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
});
beforeEach(() => setGatewayRateLimits(null));

async function activeDevice(heartbeatPeriod = 30) {
  const s = await makeGatewayScenario(database.db);
  const device = await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id, heartbeatPeriod });
  const r = await api.call("POST", "/api/v1/gateway/escrow/checkin", { body: { unique_id: s.uniqueId, token: s.token } });
  expect(r.body.mode).toBe("active");
  return { ...s, device, answer: r.body, auth: `Device ${r.body.device_token}` };
}

describe("heartbeat", () => {
  it("sets heartbeat_at, first_heartbeat_at once, and audits the first heartbeat in the device's account", async () => {
    const a = await activeDevice(30);
    const r = await api.call("POST", "/api/v1/gateway/heartbeat", { token: a.auth, body: { values: { uptime: 12 } } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ heartbeat_period: 30, config_version: a.answer.config_version });
    const [d] = await database.db.select().from(devices).where(eq(devices.id, a.device.id));
    expect(d.heartbeatAt).toBeInstanceOf(Date);
    expect(d.firstHeartbeatAt!.getTime()).toBe(d.heartbeatAt!.getTime());

    // A later heartbeat (past the write interval) moves heartbeat_at, not first_heartbeat_at.
    await database.db.update(devices).set({ heartbeatAt: new Date(Date.now() - 60_000) }).where(eq(devices.id, a.device.id));
    const r2 = await api.call("POST", "/api/v1/gateway/heartbeat", { token: a.auth });
    expect(r2.status).toBe(200);
    // Written behind, within the flush interval (1 s), without an audit event.
    await new Promise((r) => setTimeout(r, 1500));
    const [d2] = await database.db.select().from(devices).where(eq(devices.id, a.device.id));
    expect(d2.heartbeatAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
    expect(d2.firstHeartbeatAt!.getTime()).toBe(d.firstHeartbeatAt!.getTime());

    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, a.device.id));
    const first = events.filter((e) => e.action === "gateway.first_heartbeat");
    expect(first).toHaveLength(1);
    expect(first[0].accountId).toBe(a.customer.id);
  });

  it("a bad device token is a 401 and writes nothing", async () => {
    const a = await activeDevice();
    const r = await api.call("POST", "/api/v1/gateway/heartbeat", { token: `Device ${a.answer.device_token}x`, body: {} });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe("invalid credentials");
    const [d] = await database.db.select().from(devices).where(eq(devices.id, a.device.id));
    expect(d.heartbeatAt).toBeNull();
  });
});

describe("config", () => {
  it("returns the document with an ETag; If-None-Match gives 304 until the config changes", async () => {
    const a = await activeDevice(20);
    const r = await api.call("GET", "/api/v1/gateway/config", { token: a.auth });
    expect(r.status).toBe(200);
    const { device_token: _, ...withoutToken } = a.answer;
    expect(r.body).toEqual(withoutToken);
    expect(r.body.device_token).toBeUndefined();
    const etag = r.headers.get("etag");
    expect(etag).toBe(`"${a.answer.config_version}"`);

    const same = await api.call("GET", "/api/v1/gateway/config", { token: a.auth, headers: { "if-none-match": etag! } });
    expect(same.status).toBe(304);

    // Heartbeats do not change the version; a config change does.
    await api.call("POST", "/api/v1/gateway/heartbeat", { token: a.auth });
    expect((await api.call("GET", "/api/v1/gateway/config", { token: a.auth, headers: { "if-none-match": etag! } })).status).toBe(304);
    await database.db.update(deviceTypes).set({ config: { heartbeat_period: 5, log_config: { level: "trace" } } }).where(eq(deviceTypes.id, a.customerType.id));
    const changed = await api.call("GET", "/api/v1/gateway/config", { token: a.auth, headers: { "if-none-match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.body.config).toEqual({ heartbeat_period: 20, log_config: { level: "trace" } });
    expect(changed.headers.get("etag")).not.toBe(etag);
    const hb = await api.call("POST", "/api/v1/gateway/heartbeat", { token: a.auth });
    expect(`"${hb.body.config_version}"`).toBe(changed.headers.get("etag"));
  });
});
