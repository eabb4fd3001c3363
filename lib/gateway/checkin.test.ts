import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, devices, escrowDevices } from "@/db/schema";
import { listEscrowDevices } from "@/lib/escrow-devices/list";
import { testDatabase } from "@/lib/test/db";
import { ctxFor, makeUser } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { setGatewayRateLimits } from "./rate-limit";
import { makeEscrowDevice, makeGatewayScenario, simulateAccept } from "./test-factories";
import { flushPollTimes } from "./write-behind";

let database: Database;
let api: TestApi;
const CHECKIN = "/api/v1/gateway/escrow/checkin";

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
});
beforeEach(() => setGatewayRateLimits(null));

async function audits(action: string, subjectId?: string) {
  const db = database.db;
  return db
    .select()
    .from(auditEvents)
    .where(subjectId ? and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)) : eq(auditEvents.action, action));
}

describe("escrow check-in", () => {
  it("answers escrow with a poll_after, records the first check-in once and audits it in the maker's account", async () => {
    const s = await makeGatewayScenario(database.db);
    const r = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token, agent_version: "1.2.3", extra: "ignored" } });
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe("escrow");
    expect(r.body.poll_after).toBeGreaterThanOrEqual(30);
    expect(r.body.poll_after).toBeLessThanOrEqual(60);
    expect(Object.keys(r.body).sort()).toEqual(["mode", "poll_after"]);

    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row.firstCheckinAt).toBeInstanceOf(Date);
    expect(row.lastCheckinAt).toBeInstanceOf(Date);
    const first = row.firstCheckinAt!.getTime();

    const again = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    expect(again.body.mode).toBe("escrow");
    const [row2] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row2.firstCheckinAt!.getTime()).toBe(first);
    // Within the write interval nothing is collected again: polls do not cost a write each.
    await flushPollTimes();
    const [row3] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row3.lastCheckinAt!.getTime()).toBe(row.lastCheckinAt!.getTime());

    const events = await audits("gateway.checkin_escrow", s.escrow.id);
    expect(events).toHaveLength(1);
    expect(events[0].accountId).toBe(s.maker.id);
    expect(events[0].actorType).toBe("gateway");
    expect(events[0].detail).toMatchObject({ unique_id: s.uniqueId, agent_version: "1.2.3" });
  });

  it("write-behind: a later poll's last_checkin_at is visible in the database and the portal's list within 2 s, with no audit", async () => {
    const s = await makeGatewayScenario(database.db);
    const viewer = await makeUser(database.db, { accountId: s.maker.id, role: "viewer" });
    await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    const old = new Date(Date.now() - 120_000);
    await database.db.update(escrowDevices).set({ lastCheckinAt: old }).where(eq(escrowDevices.id, s.escrow.id));
    const polledAt = Date.now();
    expect((await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } })).status).toBe(200);
    const ctx = await ctxFor(database.db, viewer.id);
    let seen: string | null = null;
    while (Date.now() - polledAt < 2000) {
      const list = (await listEscrowDevices(ctx, new URLSearchParams({ unique_id: s.uniqueId }))) as { last_checkin_at: string | null }[];
      seen = list[0]?.last_checkin_at ?? null;
      if (seen && new Date(seen).getTime() > old.getTime()) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Date.now() - polledAt).toBeLessThan(2000);
    expect(new Date(seen!).getTime()).toBeGreaterThanOrEqual(polledAt - 1000);
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row.lastCheckinAt!.getTime()).toBe(new Date(seen!).getTime());
    expect(await audits("gateway.checkin_escrow", s.escrow.id)).toHaveLength(1);
  });

  it("answers unknown id, wrong token, deleted and retired escrow devices with the same 401", async () => {
    const s = await makeGatewayScenario(database.db);
    const retired = await makeEscrowDevice(database.db, s.maker.id);
    await database.db.update(escrowDevices).set({ tokenRetiredAt: new Date() }).where(eq(escrowDevices.id, retired.escrow.id));
    const deleted = await makeEscrowDevice(database.db, s.maker.id);
    await database.db.delete(escrowDevices).where(eq(escrowDevices.id, deleted.escrow.id));

    const answers = [
      await api.call("POST", CHECKIN, { body: { unique_id: "gw-never-registered", token: s.token } }),
      await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: `${s.token}x` } }),
      await api.call("POST", CHECKIN, { body: { unique_id: deleted.uniqueId, token: deleted.token } }),
      await api.call("POST", CHECKIN, { body: { unique_id: retired.uniqueId, token: retired.token } }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual(answers[0].body);
    }
    expect(answers[0].body.error).toBe("invalid credentials");
    // Nothing recorded for a failed check-in.
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row.firstCheckinAt).toBeNull();
  });

  it("answers active with the device, type, company, merged config and a device token; a new answer replaces an unused token", async () => {
    const s = await makeGatewayScenario(database.db, { typeConfig: { heartbeat_period: 60, log_config: { level: "debug" }, ntp: "pool.ntp.org" } });
    const device = await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id, heartbeatPeriod: 15, name: "Pump station 4" });

    const r = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe("active");
    expect(r.body.device).toMatchObject({ _id: device.id, unique_id: s.uniqueId, name: "Pump station 4", company_id: s.customer.id, device_type_id: s.customerType.id, escrow_device_id: s.escrow.id, heartbeat_period: 15 });
    expect(r.body.device_type).toMatchObject({ _id: s.customerType.id, company_id: s.customer.id, name: s.customerType.name, type: "gateway" });
    expect(r.body.company).toEqual({ _id: s.customer.id, name: s.customer.name });
    expect(r.body.config).toEqual({ heartbeat_period: 15, log_config: { level: "debug" }, ntp: "pool.ntp.org" });
    expect(typeof r.body.device_token).toBe("string");
    expect(r.body.device_token.length).toBeGreaterThan(30);

    const [row] = await database.db.select().from(devices).where(eq(devices.id, device.id));
    expect(row.configDeliveredAt).toBeInstanceOf(Date);
    expect(row.deviceTokenIssuedAt).toBeInstanceOf(Date);
    expect(row.deviceTokenDigest).not.toContain(r.body.device_token);

    // The answer was "lost": the gateway checks in again and gets a new token; the first is dead.
    const r2 = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    expect(r2.body.mode).toBe("active");
    expect(r2.body.device_token).not.toBe(r.body.device_token);
    const old = await api.call("POST", "/api/v1/gateway/heartbeat", { token: `Device ${r.body.device_token}`, body: {} });
    expect(old.status).toBe(401);
    expect(old.body.error).toBe("invalid credentials");
    const [row2] = await database.db.select().from(devices).where(eq(devices.id, device.id));
    expect(row2.configDeliveredAt!.getTime()).toBe(row.configDeliveredAt!.getTime());

    const fresh = await api.call("POST", "/api/v1/gateway/heartbeat", { token: `Device ${r2.body.device_token}`, body: { values: { temp: 21 } } });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({ heartbeat_period: 15, config_version: r2.body.config_version });

    // activated: once, in the customer's account (device) and the maker's (escrow device).
    const activated = await audits("gateway.activated");
    const mine = activated.filter((e) => e.subjectId === device.id || e.subjectId === s.escrow.id);
    expect(mine.map((e) => e.accountId).sort()).toEqual([s.customer.id, s.maker.id].sort());
  });

  it("the first use of the device token retires the escrow token for good", async () => {
    const s = await makeGatewayScenario(database.db);
    await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id });
    const r = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    expect(r.body.mode).toBe("active");
    const cfg = await api.call("GET", "/api/v1/gateway/config", { token: `Device ${r.body.device_token}` });
    expect(cfg.status).toBe(200);
    const [e] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(e.tokenRetiredAt).toBeInstanceOf(Date);
    const after = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    expect(after.status).toBe(401);
    expect(after.body.error).toBe("invalid credentials");
    // The device token keeps working.
    const hb = await api.call("POST", "/api/v1/gateway/heartbeat", { token: `Device ${r.body.device_token}` });
    expect(hb.status).toBe(200);
  });

  it("a transferred escrow device whose device was deleted stays in escrow mode", async () => {
    const s = await makeGatewayScenario(database.db);
    const d = await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id });
    await database.db.delete(devices).where(eq(devices.id, d.id));
    const r = await api.call("POST", CHECKIN, { body: { unique_id: s.uniqueId, token: s.token } });
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe("escrow");
  });
});

describe("bad input never yields a 500", () => {
  it("malformed JSON, wrong types, missing fields, bad wait → 400 listing problems; > 64 KB → 413", async () => {
    const s = await makeGatewayScenario(database.db);
    const cases: { rawBody?: string; body?: unknown; q?: string; status: number }[] = [
      { rawBody: "{not json", status: 400 },
      { rawBody: "", status: 400 },
      { rawBody: "[]", status: 400 },
      { rawBody: "null", status: 400 },
      { body: { unique_id: 42, token: true }, status: 400 },
      { body: {}, status: 400 },
      { body: { unique_id: s.uniqueId }, status: 400 },
      { body: { unique_id: s.uniqueId, token: s.token, agent_version: 7 }, status: 400 },
      { body: { unique_id: s.uniqueId, token: s.token }, q: "?wait=31", status: 400 },
      { body: { unique_id: s.uniqueId, token: s.token }, q: "?wait=-1", status: 400 },
      { body: { unique_id: s.uniqueId, token: s.token }, q: "?wait=abc", status: 400 },
      { body: { unique_id: s.uniqueId, token: s.token }, q: "?wait=1.5", status: 400 },
      { body: { unique_id: s.uniqueId, token: s.token }, q: "?wait=", status: 400 },
      { rawBody: JSON.stringify({ unique_id: s.uniqueId, token: s.token, pad: "x".repeat(70 * 1024) }), status: 413 },
    ];
    for (const c of cases) {
      const r = await api.call("POST", CHECKIN + (c.q ?? ""), { body: c.body, rawBody: c.rawBody });
      expect(r.status, JSON.stringify(c).slice(0, 80)).toBe(c.status);
      expect(typeof r.body.error).toBe("string");
      expect(Array.isArray(r.body.messages)).toBe(true);
    }
    const missing = await api.call("POST", CHECKIN, { body: { agent_version: 1 } });
    expect(missing.body.messages.join(" | ")).toMatch(/unique_id.*token.*agent_version|unique_id/);
    expect(missing.body.messages.length).toBe(3);
    // Nothing was written by any of them.
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(row.firstCheckinAt).toBeNull();
  });

  it("heartbeat and config: malformed JSON, wrong types, missing/odd Authorization, 64 KB", async () => {
    const hb = "/api/v1/gateway/heartbeat";
    expect((await api.call("POST", hb, { rawBody: "{", token: "Device x" })).status).toBe(400);
    expect((await api.call("POST", hb, { body: { values: "nope" }, token: "Device x" })).status).toBe(400);
    expect((await api.call("POST", hb, { rawBody: JSON.stringify({ values: { a: "x".repeat(70_000) } }), token: "Device x" })).status).toBe(413);
    for (const token of [undefined, "Device", "Bearer abc", "Device a b", `Device ${"x".repeat(600)}`]) {
      const r = await api.call("POST", hb, { body: {}, token });
      expect(r.status).toBe(401);
      expect(r.body.error).toBe("invalid credentials");
      expect((await api.call("GET", "/api/v1/gateway/config", { token })).status).toBe(401);
    }
    expect((await api.call("GET", "/api/v1/gateway/nope")).status).toBe(404);
  });
});
