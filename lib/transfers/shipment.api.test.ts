import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, transferRequests } from "@/db/schema";
import { setGatewayRateLimits } from "@/lib/gateway/rate-limit";
import { makeEscrowDevice } from "@/lib/gateway/test-factories";
import { testDatabase } from "@/lib/test/db";
import { makeAccount, makeUser, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { makeDeviceType, makeEscrowDevices } from "./test-factories";

let database: Database;
let api: TestApi;
const P = "/api/v1/platform/device_transfer_requests";
const RULES = "/api/v1/platform/transfer_rules";

async function login(email: string): Promise<string> {
  const r = await api.call("POST", "/api/v1/platform/user/authenticate", { body: { email, password: TEST_PASSWORD } });
  expect(r.status).toBe(200);
  return r.body.session_token;
}

async function team(name: string) {
  const db = database.db;
  const account = await makeAccount(db, { name });
  const tokens: Record<"admin" | "member" | "viewer", string> = { admin: "", member: "", viewer: "" };
  for (const role of ["admin", "member", "viewer"] as const) tokens[role] = await login((await makeUser(db, { accountId: account.id, role })).email);
  return { account, ...tokens };
}

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
  setGatewayRateLimits(null);
});

describe("packing lists (unique_ids)", () => {
  it("unknown or invisible unique_ids are one 404 naming each; not transferable ones a 409 naming each; nothing is created", async () => {
    const maker = await team("Packing maker");
    const other = await team("Packing other");
    const buyer = await team("Packing buyer");
    const type = await makeDeviceType(database.db, maker.account.id);
    const mine = await makeEscrowDevices(database.db, maker.account.id, 3, { prefix: "pack-a" });
    const theirs = await makeEscrowDevices(database.db, other.account.id, 1, { prefix: "pack-b" });
    const body = { to_company_id: buyer.account.id, device_type_id: type.id, unique_ids: [mine[0].uniqueId, "pack-nope-1", theirs[0].uniqueId, "PACK-NOPE-2"] };
    const r = await api.call("POST", P, { token: maker.member, body });
    expect(r.status).toBe(404);
    expect(r.body.messages).toEqual([
      "escrow device with unique_id pack-nope-1 not found",
      `escrow device with unique_id ${theirs[0].uniqueId} not found`,
      "escrow device with unique_id pack-nope-2 not found",
    ]);
    expect(r.body.unknown_unique_ids).toEqual(["pack-nope-1", theirs[0].uniqueId, "pack-nope-2"]);
    expect(await database.db.select().from(transferRequests).where(eq(transferRequests.fromAccountId, maker.account.id))).toHaveLength(0);

    // Both lists at once, duplicates, and an empty list are 400s naming the problem.
    const both = await api.call("POST", P, { token: maker.member, body: { ...body, escrow_device_ids: [mine[0].id] } });
    expect(both.status).toBe(400);
    expect(both.body.messages).toContain("unique_ids: give escrow_device_ids or unique_ids, not both");
    const dup = await api.call("POST", P, { token: maker.member, body: { ...body, unique_ids: [mine[0].uniqueId, mine[0].uniqueId] } });
    expect(dup.status).toBe(400);
    expect(dup.body.messages.join()).toContain(`more than once: ${mine[0].uniqueId}`);

    const first = await api.call("POST", P, { token: maker.member, body: { ...body, unique_ids: [mine[0].uniqueId] } });
    expect(first.status).toBe(201);
    expect(first.body.escrow_device_ids).toEqual([mine[0].id]);
    const again = await api.call("POST", P, { token: maker.member, body: { ...body, unique_ids: mine.map((m) => m.uniqueId) } });
    expect(again.status).toBe(409);
    expect(again.body.messages).toEqual([`${mine[0].uniqueId} (${mine[0].id}) is already in a pending transfer request`]);
    // Viewers read but never transfer.
    expect((await api.call("POST", P, { token: maker.viewer, body: { ...body, unique_ids: [mine[1].uniqueId] } })).status).toBe(403);
  });

  it("10,000 valid unique_ids make exactly one request", async () => {
    const maker = await team("Pallet maker");
    const buyer = await team("Pallet buyer");
    const type = await makeDeviceType(database.db, maker.account.id);
    const escrow = await makeEscrowDevices(database.db, maker.account.id, 10_000, { prefix: "pallet" });
    const over = await api.call("POST", P, { token: maker.member, body: { to_company_id: buyer.account.id, device_type_id: type.id, unique_ids: Array.from({ length: 10_001 }, (_, i) => `x-${i}`) } });
    expect(over.status).toBe(400);
    expect(over.body.messages).toEqual(["unique_ids: may name 10,000 unique_ids at most"]);
    const r = await api.call("POST", P, { token: maker.member, body: { to_company_id: buyer.account.id, device_type_id: type.id, unique_ids: escrow.map((e) => e.uniqueId) } });
    expect(r.status).toBe(201);
    expect(r.body.device_count).toBe(10_000);
    expect(new Set(r.body.escrow_device_ids)).toEqual(new Set(escrow.map((e) => e.id)));
    const rows = await database.db.select().from(transferRequests).where(eq(transferRequests.fromAccountId, maker.account.id));
    expect(rows).toHaveLength(1);
  }, 60_000);
});

describe("GET companies/partners", () => {
  it("lists accounts this account exchanged requests with, both directions, most recent first, and nobody else", async () => {
    const a = await team("Partner A");
    const b = await team("Partner B");
    const c = await team("Partner C");
    const stranger = await team("Stranger D");
    const typeA = await makeDeviceType(database.db, a.account.id);
    const typeC = await makeDeviceType(database.db, c.account.id);
    const ea = await makeEscrowDevices(database.db, a.account.id, 2);
    const ec = await makeEscrowDevices(database.db, c.account.id, 1);
    expect((await api.call("POST", P, { token: a.member, body: { to_company_id: b.account.id, device_type_id: typeA.id, escrow_device_ids: [ea[0].id] } })).status).toBe(201);
    const cancelled = await api.call("POST", P, { token: a.member, body: { to_company_id: b.account.id, device_type_id: typeA.id, escrow_device_ids: [ea[1].id] } });
    await api.call("DELETE", `${P}/${cancelled.body._id}`, { token: a.member });
    const incoming = await api.call("POST", P, { token: c.member, body: { to_company_id: a.account.id, device_type_id: typeC.id, escrow_device_ids: [ec[0].id] } });
    expect(incoming.status).toBe(201);

    const r = await api.call("GET", "/api/v1/platform/companies/partners", { token: a.viewer });
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { _id: c.account.id, name: "Partner C", transfers: 1, last_transfer_at: incoming.body.created_at },
      { _id: b.account.id, name: "Partner B", transfers: 2, last_transfer_at: cancelled.body.created_at },
    ]);
    expect((await api.call("GET", "/api/v1/platform/companies/partners", { token: b.admin })).body.map((p: { _id: string }) => p._id)).toEqual([a.account.id]);
    expect((await api.call("GET", "/api/v1/platform/companies/partners", { token: stranger.admin })).body).toEqual([]);
    expect((await api.call("GET", `/api/v1/platform/companies/partners?company_id=${a.account.id}`, { token: stranger.admin })).status).toBe(404);
    expect((await api.call("GET", "/api/v1/platform/companies/partners?name=x", { token: a.admin })).status).toBe(400);
  });
});

describe("progress after acceptance", () => {
  it("counts move as gateways check in and heartbeat through the gateway API; devices carry and filter on transfer_request_id", async () => {
    const maker = await team("Progress maker");
    const buyer = await team("Progress buyer");
    const type = await makeDeviceType(database.db, maker.account.id, { config: { heartbeat_period: 30 } });
    const gws: Awaited<ReturnType<typeof makeEscrowDevice>>[] = [];
    for (let i = 0; i < 3; i++) gws.push(await makeEscrowDevice(database.db, maker.account.id, { uniqueId: `prog-gw-${i}-${Date.now().toString(36)}` }));
    const created = await api.call("POST", P, { token: maker.member, body: { to_company_id: buyer.account.id, device_type_id: type.id, unique_ids: gws.map((g) => g.uniqueId) } });
    expect(created.status).toBe(201);
    expect(created.body.progress).toBeNull();
    const id = created.body._id;
    const acc = await api.call("POST", `${P}/${id}/transfer`, { token: buyer.admin });
    expect(acc.body.progress).toEqual({ devices: 3, created: 3, failed: 0, config_delivered: 0, first_heartbeat: 0 });

    const progress = async (token: string) => (await api.call("GET", `${P}/${id}`, { token })).body.progress;
    const checkin = (g: (typeof gws)[number]) => api.call("POST", "/api/v1/gateway/escrow/checkin", { body: { unique_id: g.uniqueId, token: g.token } });

    const c0 = await checkin(gws[0]);
    expect(c0.body.mode).toBe("active");
    const c1 = await checkin(gws[1]);
    expect(await progress(maker.viewer)).toEqual({ devices: 3, created: 3, failed: 0, config_delivered: 2, first_heartbeat: 0 });
    const hb = await api.call("POST", "/api/v1/gateway/heartbeat", { token: `Device ${c0.body.device_token}`, body: {} });
    expect(hb.status).toBe(200);
    expect(await progress(buyer.viewer)).toEqual({ devices: 3, created: 3, failed: 0, config_delivered: 2, first_heartbeat: 1 });
    await api.call("POST", "/api/v1/gateway/heartbeat", { token: `Device ${c1.body.device_token}`, body: {} });
    await checkin(gws[2]);
    expect(await progress(buyer.admin)).toEqual({ devices: 3, created: 3, failed: 0, config_delivered: 3, first_heartbeat: 2 });

    const listed = await api.call("GET", `${P}?status=accepted`, { token: maker.viewer });
    expect(listed.body.find((t: { _id: string }) => t._id === id).progress).toEqual({ devices: 3, created: 3, failed: 0, config_delivered: 3, first_heartbeat: 2 });

    const devs = await api.call("GET", `/api/v1/platform/devices?transfer_request_id=${id}&order_by=unique_id`, { token: buyer.viewer });
    expect(devs.status).toBe(200);
    expect(devs.body.map((d: { unique_id: string }) => d.unique_id)).toEqual(gws.map((g) => g.uniqueId));
    expect(devs.body.every((d: { transfer_request_id: string }) => d.transfer_request_id === id)).toBe(true);
    expect(devs.body[0].config_delivered_at).toMatch(/Z$/);
    expect(devs.body[0].first_heartbeat_at).toMatch(/Z$/);
    expect(devs.body[2].first_heartbeat_at).toBeNull();
    const silent = await api.call("GET", `/api/v1/platform/devices?transfer_request_id=${id}&first_heartbeat_at_gt=2000-01-01`, { token: buyer.viewer });
    expect(silent.body).toHaveLength(2);
    // The maker sees progress, never the customer's devices.
    expect((await api.call("GET", `/api/v1/platform/devices?transfer_request_id=${id}`, { token: maker.admin })).body).toEqual([]);
  });
});

describe("trusted senders (transfer_rules)", () => {
  it("a rule auto-accepts with its override in the creating transaction; another sender stays pending; deleting the rule stops it", async () => {
    const maker = await team("Trusted maker");
    const other = await team("Untrusted maker");
    const buyer = await team("Trusting buyer");
    const third = await team("Rule outsider");
    const makerType = await makeDeviceType(database.db, maker.account.id);
    const otherType = await makeDeviceType(database.db, other.account.id);
    const buyerType = await makeDeviceType(database.db, buyer.account.id, { name: "Buyer's own" });
    const escrow = await makeEscrowDevices(database.db, maker.account.id, 4);
    const otherEscrow = await makeEscrowDevices(database.db, other.account.id, 1);

    // Only destination admins; the override must be the destination's; the sender need not be a partner.
    const rule = { from_company_id: maker.account.id, device_type_id: buyerType.id, company_id: buyer.account.id };
    expect((await api.call("POST", RULES, { token: buyer.member, body: rule })).status).toBe(403);
    expect((await api.call("POST", RULES, { token: buyer.viewer, body: rule })).status).toBe(403);
    expect((await api.call("POST", RULES, { token: third.admin, body: rule })).status).toBe(404);
    const foreign = await api.call("POST", RULES, { token: buyer.admin, body: { ...rule, device_type_id: makerType.id } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.messages).toEqual(["device_type_id: is not a device type of the destination account"]);
    expect((await api.call("POST", RULES, { token: buyer.admin, body: { ...rule, from_company_id: "000000000000000000000000" } })).status).toBe(404);
    expect((await api.call("POST", RULES, { token: buyer.admin, body: { ...rule, from_company_id: buyer.account.id } })).status).toBe(400);
    const made = await api.call("POST", RULES, { token: buyer.admin, body: rule });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ company_id: buyer.account.id, from_company_id: maker.account.id, device_type_id: buyerType.id });
    expect((await api.call("POST", RULES, { token: buyer.admin, body: rule })).status).toBe(409);
    expect((await api.call("GET", RULES, { token: buyer.viewer })).body.map((r: { _id: string }) => r._id)).toEqual([made.body._id]);
    expect((await api.call("GET", RULES, { token: third.admin })).body).toEqual([]);

    const auto = await api.call("POST", P, { token: maker.member, body: { to_company_id: buyer.account.id, device_type_id: makerType.id, escrow_device_ids: [escrow[0].id, escrow[1].id] } });
    expect(auto.status).toBe(201);
    expect(auto.body).toMatchObject({ status: "accepted", auto_accepted: true, accepted_by_rule_id: made.body._id, resolved_device_type_id: buyerType.id, decided_by: null });
    expect(auto.body.progress).toEqual({ devices: 2, created: 2, failed: 0, config_delivered: 0, first_heartbeat: 0 });
    const accepts = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, auto.body._id));
    const acceptEvents = accepts.filter((e) => e.action === "transfer.accept");
    expect(acceptEvents.map((e) => e.accountId).sort()).toEqual([maker.account.id, buyer.account.id].sort());
    expect(acceptEvents[0]).toMatchObject({ actorType: "system", actorLabel: `transfer rule ${made.body._id}` });
    expect(acceptEvents[0].detail).toMatchObject({ rule_id: made.body._id, automatic: true, resolution: "override" });
    // Both sides see it as accepted automatically.
    for (const token of [maker.viewer, buyer.viewer]) expect((await api.call("GET", `${P}/${auto.body._id}`, { token })).body.auto_accepted).toBe(true);

    const untrusted = await api.call("POST", P, { token: other.member, body: { to_company_id: buyer.account.id, device_type_id: otherType.id, escrow_device_ids: [otherEscrow[0].id] } });
    expect(untrusted.body).toMatchObject({ status: "pending", auto_accepted: false, accepted_by_rule_id: null });

    expect((await api.call("DELETE", `${RULES}/${made.body._id}`, { token: buyer.member })).status).toBe(403);
    expect((await api.call("DELETE", `${RULES}/${made.body._id}`, { token: third.admin })).status).toBe(404);
    expect((await api.call("DELETE", `${RULES}/${made.body._id}`, { token: maker.admin })).status).toBe(404);
    expect((await api.call("DELETE", `${RULES}/${made.body._id}`, { token: buyer.admin })).status).toBe(200);
    expect((await api.call("DELETE", `${RULES}/${made.body._id}`, { token: buyer.admin })).status).toBe(404);
    const after = await api.call("POST", P, { token: maker.member, body: { to_company_id: buyer.account.id, device_type_id: makerType.id, escrow_device_ids: [escrow[2].id] } });
    expect(after.body).toMatchObject({ status: "pending", auto_accepted: false });
    // The earlier auto-accepted request keeps saying so after its rule is gone.
    expect((await api.call("GET", `${P}/${auto.body._id}`, { token: buyer.viewer })).body.auto_accepted).toBe(true);
  });

  it("a rule without override resolves the type as an accept would (copy)", async () => {
    const maker = await team("Copy maker");
    const buyer = await team("Copy buyer");
    const makerType = await makeDeviceType(database.db, maker.account.id, { name: "Edge copy" });
    const escrow = await makeEscrowDevices(database.db, maker.account.id, 1);
    expect((await api.call("POST", RULES, { token: buyer.admin, body: { from_company_id: maker.account.id } })).status).toBe(201);
    const r = await api.call("POST", P, { token: maker.member, body: { to_company_id: buyer.account.id, device_type_id: makerType.id, escrow_device_ids: [escrow[0].id] } });
    expect(r.body.status).toBe("accepted");
    const t = await api.call("GET", `/api/v1/platform/device_types/${r.body.resolved_device_type_id}`, { token: buyer.viewer });
    expect(t.body).toMatchObject({ name: "Edge copy", company_id: buyer.account.id });
  });
});
