import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { testDatabase } from "@/lib/test/db";
import { makeAccount, makeUser, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { makeDeviceType, makeEscrowDevices } from "./test-factories";

let database: Database;
let api: TestApi;
const P = "/api/v1/platform/device_transfer_requests";

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
});

describe("device_transfer_requests over HTTP", () => {
  it("the full flow: create 201, both sides read it, preview, accept 200, the second accept 409", async () => {
    const maker = await team("Maker HTTP");
    const buyer = await team("Buyer HTTP");
    const third = await team("Third HTTP");
    const type = await makeDeviceType(database.db, maker.account.id, { name: "Edge 9" });
    const escrow = await makeEscrowDevices(database.db, maker.account.id, 3);
    const ids = escrow.map((e) => e.id);
    const created = await api.call("POST", P, { token: maker.member, body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: ids, lwm2m: {} } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(
      ["_id", "from_company_id", "to_company_id", "company_id", "device_type_id", "escrow_device_ids", "device_count", "status", "expires_at", "created_at", "updated_at", "user_id", "decided_by", "decided_at", "transferred_at", "resolved_device_type_id", "errors", "reason", "accepted_by_rule_id", "auto_accepted", "progress"].sort(),
    );
    const id = created.body._id;
    for (const token of [maker.viewer, buyer.viewer]) {
      const r = await api.call("GET", `${P}/${id}`, { token });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe("pending");
      const list = await api.call("GET", `${P}?page_meta=true&status=pending`, { token });
      expect(list.body.resources.map((x: { _id: string }) => x._id)).toContain(id);
    }
    for (const [m, p] of [["GET", ""], ["GET", "/preview"], ["POST", "/transfer"], ["POST", "/reject"], ["DELETE", ""]] as const) {
      expect((await api.call(m, `${P}/${id}${p}`, { token: third.admin })).status).toBe(404);
    }
    expect((await api.call("GET", P, { token: third.admin })).body).toEqual([]);
    // The destination sees only escrow device ids, never the originator's escrow records.
    expect(JSON.stringify((await api.call("GET", `${P}/${id}`, { token: buyer.admin })).body)).not.toContain("token");
    for (const e of ids) {
      expect((await api.call("GET", `/api/v1/platform/escrow_devices/${e}`, { token: buyer.admin })).status).toBe(404);
      expect((await api.call("GET", `/api/v1/platform/escrow_devices/${e}`, { token: maker.viewer })).status).toBe(200);
    }
    expect((await api.call("GET", "/api/v1/platform/escrow_devices", { token: buyer.admin })).body).toEqual([]);

    const pre = await api.call("GET", `${P}/${id}/preview`, { token: buyer.admin });
    expect(pre.status).toBe(200);
    expect(pre.body).toMatchObject({ resolution: "copy", device_type: { _id: null, name: "Edge 9", company_id: buyer.account.id } });
    expect((await api.call("GET", `${P}/${id}/preview`, { token: buyer.member })).status).toBe(403);
    expect((await api.call("POST", `${P}/${id}/transfer`, { token: buyer.member })).status).toBe(403);
    expect((await api.call("POST", `${P}/${id}/transfer`, { token: buyer.viewer })).status).toBe(403);
    expect((await api.call("DELETE", `${P}/${id}`, { token: buyer.admin })).status).toBe(403);
    expect((await api.call("DELETE", `${P}/${id}`, { token: maker.viewer })).status).toBe(403);
    expect((await api.call("POST", `${P}/${id}/transfer`, { token: buyer.admin, body: { device_type_id: 12 } })).status).toBe(400);

    const acc = await api.call("POST", `${P}/${id}/transfer`, { token: buyer.admin });
    expect(acc.status).toBe(200);
    expect(acc.body).toMatchObject({ status: "accepted", errors: {}, device_count: 3 });
    expect(acc.body.resolved_device_type_id).toMatch(/^[0-9a-f]{24}$/);
    expect((await api.call("POST", `${P}/${id}/transfer`, { token: buyer.admin, body: {} })).status).toBe(409);
    expect((await api.call("DELETE", `${P}/${id}`, { token: maker.admin })).status).toBe(409);
    expect((await api.call("GET", `${P}/${id}/preview`, { token: buyer.admin })).status).toBe(409);

    // Reuse now; the association never appears in any response.
    const e2 = await makeEscrowDevices(database.db, maker.account.id, 1);
    const r2 = await api.call("POST", P, { token: maker.admin, body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [e2[0].id] } });
    const pre2 = await api.call("GET", `${P}/${r2.body._id}/preview`, { token: buyer.admin });
    expect(pre2.body).toMatchObject({ resolution: "reuse", device_type: { _id: acc.body.resolved_device_type_id } });
    expect(pre2.body.copied_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const all = [created, acc, pre, pre2, r2, await api.call("GET", P, { token: buyer.admin }), await api.call("GET", P, { token: maker.admin })].map((r) => JSON.stringify(r.body)).join("\n");
    expect(all).not.toMatch(/copies|origin_device_type|copy_device_type|association/i);

    // 409 names each escrow device that is already transferred or pending.
    const again = await api.call("POST", P, { token: maker.admin, body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [ids[0], e2[0].id] } });
    expect(again.status).toBe(409);
    expect(again.body.messages.join("\n")).toContain(escrow[0].uniqueId);
    expect(again.body.messages.join("\n")).toContain(e2[0].uniqueId);
  });

  it("reject with a reason and cancel answer 200 with the request; bad input 400 listing every problem; never 500", async () => {
    const maker = await team("Maker HTTP 2");
    const buyer = await team("Buyer HTTP 2");
    const type = await makeDeviceType(database.db, maker.account.id);
    const escrow = await makeEscrowDevices(database.db, maker.account.id, 2);
    const mk = (i: number) => api.call("POST", P, { token: maker.admin, body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[i].id] } });
    const a = (await mk(0)).body;
    const b = (await mk(1)).body;
    const rej = await api.call("POST", `${P}/${a._id}/reject`, { token: buyer.admin, body: { reason: "not ours" } });
    expect(rej.status).toBe(200);
    expect(rej.body).toMatchObject({ status: "rejected", reason: "not ours" });
    const can = await api.call("DELETE", `${P}/${b._id}`, { token: maker.member });
    expect(can.status).toBe(200);
    expect(can.body.status).toBe("cancelled");

    const bad = await api.call("POST", P, { token: maker.admin, body: { to_company_id: [], device_type_id: null, escrow_device_ids: "x", expires_at: "tomorrow" } });
    expect(bad.status).toBe(400);
    for (const f of ["to_company_id", "device_type_id", "escrow_device_ids", "expires_at"]) expect(bad.body.messages.join("\n")).toContain(`${f}:`);
    expect((await api.call("POST", P, { token: maker.admin, rawBody: "{oops" })).status).toBe(400);
    expect((await api.call("POST", P, { token: maker.admin, body: [1, 2] })).status).toBe(400);
    expect((await api.call("POST", P, { token: maker.admin, body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [] } })).status).toBe(400);
    expect((await api.call("POST", P, { token: maker.admin, body: { to_company_id: "does-not-exist", device_type_id: type.id, escrow_device_ids: [escrow[0].id] } })).status).toBe(404);
    expect((await api.call("POST", `${P}/${a._id}/reject`, { token: buyer.admin, body: { reason: 5 } })).status).toBe(400);
    expect((await api.call("GET", `${P}?bogus=1`, { token: maker.admin })).status).toBe(400);
    expect((await api.call("GET", `${P}/${"z".repeat(300)}`, { token: maker.admin })).status).toBe(404);
    // An override that cannot be an id is bad input (400, like accept); a decided request previews nothing (409).
    const badOverride = await api.call("GET", `${P}/${a._id}/preview?device_type_id=${"q".repeat(200)}`, { token: buyer.admin });
    expect(badOverride.status).toBe(400);
    expect(badOverride.body.messages.join("\n")).toContain("device_type_id:");
    expect((await api.call("GET", `${P}/${a._id}/preview`, { token: buyer.admin })).status).toBe(409);
    expect((await api.call("GET", P)).status).toBe(401);
  });

  it("the destination may be a sub-account (the parent admin then decides both sides), never the same account", async () => {
    const maker = await team("Maker HTTP 3");
    const sub = await makeAccount(database.db, { name: "Maker HTTP 3 — plant", parentId: maker.account.id });
    const type = await makeDeviceType(database.db, maker.account.id);
    const escrow = await makeEscrowDevices(database.db, maker.account.id, 2);
    const same = await api.call("POST", P, { token: maker.admin, body: { to_company_id: maker.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id] } });
    expect(same.status).toBe(400);
    expect(same.body.messages.join()).toContain("to_company_id");
    const r = await api.call("POST", P, { token: maker.member, body: { to_company_id: sub.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) } });
    expect(r.status).toBe(201);
    expect((await api.call("POST", `${P}/${r.body._id}/transfer`, { token: maker.member })).status).toBe(403);
    const acc = await api.call("POST", `${P}/${r.body._id}/transfer`, { token: maker.admin });
    expect(acc.status).toBe(200);
    expect(acc.body.status).toBe("accepted");
  });
});
