import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, devices, escrowDevices, transferRequestItems, transferRequests } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeTeam, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";

let database: Database;
let api: TestApi;
const P = "/api/v1/platform";
const tokens: Record<string, string> = {};
let acme: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;

async function login(email: string): Promise<string> {
  const r = await api.call("POST", `${P}/user/authenticate`, { body: { email, password: TEST_PASSWORD } });
  expect(r.status).toBe(200);
  return r.body.session_token;
}

beforeAll(async () => {
  database = await testDatabase();
  acme = await makeTeam(database.db, "Acme");
  other = await makeTeam(database.db, "Other");
  api = await startTestApi(database);
  for (const [k, u] of Object.entries({ admin: acme.users.admin, member: acme.users.member, viewer: acme.users.viewer, other: other.users.admin })) {
    tokens[k] = await login(u.email);
  }
});

describe("escrow devices over HTTP", () => {
  it("create with a generated token: 201, token once; GET never shows it", async () => {
    const r = await api.call("POST", `${P}/escrow_devices`, { token: tokens.member, body: { unique_id: "http-gw-1", lwm2m: {} } });
    expect(r.status).toBe(201);
    expect(typeof r.body.token).toBe("string");
    const got = await api.call("GET", `${P}/escrow_devices/${r.body._id}`, { token: tokens.viewer });
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty("token");
    expect(JSON.stringify(got.body)).not.toContain(r.body.token);
    const list = await api.call("GET", `${P}/escrow_devices`, { token: tokens.viewer });
    expect(JSON.stringify(list.body)).not.toContain(r.body.token);
    const dup = await api.call("POST", `${P}/escrow_devices`, { token: tokens.other, body: { unique_id: "http-gw-1" } });
    expect(dup.status).toBe(409);
    expect(dup.body.messages[0]).toContain("http-gw-1");
  });

  it("viewer → 403 on every write; another account → 404 and absent from lists", async () => {
    const own = (await api.call("POST", `${P}/escrow_devices`, { token: tokens.member, body: { unique_id: "http-gw-2", token: "http-token-0000000002" } })).body;
    const dt = (await api.call("POST", `${P}/device_types`, { token: tokens.member, body: { name: "T", manufacturer: "M", model: "X", type: "gateway" } })).body;
    const writes: [string, string, unknown][] = [
      ["POST", "escrow_devices", { unique_id: "http-v-1" }],
      ["POST", "escrow_devices/bulk", { escrow_devices: [{ unique_id: "http-v-2" }] }],
      ["DELETE", "escrow_devices/bulk", { ids: [own._id] }],
      ["PUT", `escrow_devices/${own._id}`, { token: "http-token-rotated-01" }],
      ["DELETE", `escrow_devices/${own._id}`, undefined],
      ["POST", "device_types", { name: "T", manufacturer: "M", model: "X", type: "gateway" }],
      ["PUT", `device_types/${dt._id}`, { name: "x" }],
      ["DELETE", `device_types/${dt._id}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const r = await api.call(method, `${P}/${path}`, { token: tokens.viewer, body });
      expect([method, path, r.status]).toEqual([method, path, 403]);
    }
    for (const path of [`escrow_devices/${own._id}`, `device_types/${dt._id}`]) {
      expect((await api.call("GET", `${P}/${path}`, { token: tokens.other })).status).toBe(404);
      expect((await api.call("PUT", `${P}/${path}`, { token: tokens.other, body: {} })).status).toBe(404);
      expect((await api.call("DELETE", `${P}/${path}`, { token: tokens.other })).status).toBe(404);
    }
    expect((await api.call("DELETE", `${P}/escrow_devices/bulk`, { token: tokens.other, body: { ids: [own._id] } })).status).toBe(404);
    const theirs = await api.call("GET", `${P}/escrow_devices?page_meta=true`, { token: tokens.other });
    expect(theirs.body.resources.map((r: { unique_id: string }) => r.unique_id)).not.toContain("http-gw-2");
    const types = await api.call("GET", `${P}/device_types`, { token: tokens.other });
    expect(types.body).toEqual([]);
    expect(await database.db.select({ n: count() }).from(escrowDevices).where(eq(escrowDevices.id, own._id))).toEqual([{ n: 1 }]);
  });

  it("bulk: 400 with per-row errors and nothing created; 201 with resources; bad JSON 400; unknown filter 400", async () => {
    const bad = await api.call("POST", `${P}/escrow_devices/bulk`, {
      token: tokens.member,
      body: { escrow_devices: [{ unique_id: "http-b-1" }, { unique_id: "http-gw-1" }, { unique_id: "http-b-1" }, { unique_id: "a b" }] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(["1", "2", "3"]);
    expect(bad.body.messages.length).toBe(3);
    expect(await database.db.select({ n: count() }).from(escrowDevices).where(eq(escrowDevices.uniqueId, "http-b-1"))).toEqual([{ n: 0 }]);
    const ok = await api.call("POST", `${P}/escrow_devices/bulk`, {
      token: tokens.member,
      body: { escrow_devices: [{ unique_id: "http-b-1" }, { unique_id: "http-b-2", token: "http-token-b-000002" }] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.created).toBe(2);
    expect(ok.body.resources[0].token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ok.body.resources[1]).not.toHaveProperty("token");
    expect((await api.call("POST", `${P}/escrow_devices/bulk`, { token: tokens.member, rawBody: "{nope" })).status).toBe(400);
    expect((await api.call("POST", `${P}/escrow_devices`, { token: tokens.member, body: [] })).status).toBe(400);
    expect((await api.call("PUT", `${P}/escrow_devices/${ok.body.resources[0]._id}`, { token: tokens.member, body: { token: 5, device_type_id: 7 } })).body.messages).toHaveLength(2);
    const filters = await api.call("GET", `${P}/escrow_devices?secret=1&token_like=x`, { token: tokens.viewer });
    expect(filters.status).toBe(400);
    expect(filters.body.messages).toHaveLength(2);
    const del = await api.call("DELETE", `${P}/escrow_devices/bulk`, { token: tokens.member, body: { ids: ok.body.resources.map((r: { _id: string }) => r._id) } });
    expect(del.body).toEqual({ deleted: 2 });
  });

  it("a bulk body of 10,000 rows over 1 MB is accepted", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ unique_id: `http-big-${String(i).padStart(5, "0")}`, token: `tok-${"x".repeat(60)}-${i}` }));
    const r = await api.call("POST", `${P}/escrow_devices/bulk`, { token: tokens.member, body: { escrow_devices: rows } });
    expect(JSON.stringify({ escrow_devices: rows }).length).toBeGreaterThan(1_000_000);
    expect(r.status).toBe(201);
    expect(r.body.created).toBe(10_000);
    expect(JSON.stringify(r.body)).not.toContain("x".repeat(60));
  });

  it("pending → DELETE 409 and PUT 409, set up directly in the database", async () => {
    const e = (await api.call("POST", `${P}/escrow_devices`, { token: tokens.member, body: { unique_id: "http-pend-1" } })).body;
    const dt = (await api.call("POST", `${P}/device_types`, { token: tokens.member, body: { name: "T2", manufacturer: "M", model: "X", type: "gateway" } })).body;
    const [req] = await database.db.insert(transferRequests).values({ fromAccountId: acme.account.id, toAccountId: other.account.id, deviceTypeId: dt._id, deviceCount: 1 }).returning();
    await database.db.insert(transferRequestItems).values({ requestId: req.id, escrowDeviceId: e._id, uniqueId: e.unique_id });
    await database.db.update(escrowDevices).set({ status: "transfer_pending" }).where(eq(escrowDevices.id, e._id));
    expect((await api.call("DELETE", `${P}/escrow_devices/${e._id}`, { token: tokens.member })).status).toBe(409);
    expect((await api.call("PUT", `${P}/escrow_devices/${e._id}`, { token: tokens.member, body: { token: "rotated-token-000000" } })).status).toBe(409);
    const dtDel = await api.call("DELETE", `${P}/device_types/${dt._id}`, { token: tokens.member });
    expect(dtDel.status).toBe(409);
  });
});

describe("devices over HTTP", () => {
  it("list, get, update, delete with roles and tenants", async () => {
    const dt = (await api.call("POST", `${P}/device_types`, { token: tokens.member, body: { name: "D", manufacturer: "M", model: "X", type: "gateway" } })).body;
    const [d] = await database.db
      .insert(devices)
      .values({ accountId: acme.account.id, uniqueId: "http-dev-1", name: "http-dev-1", deviceTypeId: dt._id, heartbeatAt: new Date(), deviceTokenDigest: "f".repeat(64) })
      .returning();
    const list = await api.call("GET", `${P}/devices?page_meta=true&heartbeat_status=online`, { token: tokens.viewer });
    expect(list.status).toBe(200);
    expect(list.body.resources.map((x: { unique_id: string }) => x.unique_id)).toEqual(["http-dev-1"]);
    expect(JSON.stringify(list.body)).not.toContain("ffff");
    expect((await api.call("GET", `${P}/devices?heartbeat_status=bogus`, { token: tokens.viewer })).status).toBe(400);
    expect((await api.call("PUT", `${P}/devices/${d.id}`, { token: tokens.viewer, body: { name: "x" } })).status).toBe(403);
    expect((await api.call("DELETE", `${P}/devices/${d.id}`, { token: tokens.viewer })).status).toBe(403);
    expect((await api.call("GET", `${P}/devices/${d.id}`, { token: tokens.other })).status).toBe(404);
    expect((await api.call("GET", `${P}/devices`, { token: tokens.other })).body).toEqual([]);
    const bad = await api.call("PUT", `${P}/devices/${d.id}`, { token: tokens.member, body: { tags: [1], heartbeat_period: "60" } });
    expect(bad.status).toBe(400);
    expect(bad.body.messages).toHaveLength(2);
    const up = await api.call("PUT", `${P}/devices/${d.id}`, { token: tokens.member, body: { name: "Pump 1", tags: ["a"], heartbeat_period: 120 } });
    expect(up.body).toMatchObject({ name: "Pump 1", tags: ["a"], heartbeat_period: 120, heartbeat_status: "online" });
    expect((await api.call("DELETE", `${P}/devices/${d.id}`, { token: tokens.member })).status).toBe(200);
    expect((await api.call("GET", `${P}/devices/${d.id}`, { token: tokens.member })).status).toBe(404);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, d.id));
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([
      ["device.update", "user"],
      ["device.delete", "user"],
    ]);
  });
});
