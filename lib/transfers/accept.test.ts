import { and, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { auditEvents, devices, deviceTypeCopies, deviceTypes, escrowDevices, transferRequestItems } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { rejects } from "@/lib/test/rejects";
import { acceptTransfer } from "./accept";
import { cancelTransfer } from "./cancel";
import { createTransfer } from "./create";
import { getTransfer } from "./get";
import { listTransfers } from "./list";
import { previewTransfer } from "./preview";
import { rejectTransfer } from "./reject";
import { makeDeviceType, makeEscrowDevices } from "./test-factories";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});


async function world() {
  const db = database.db;
  const maker = await makeTeam(db, "Maker");
  const buyer = await makeTeam(db, "Buyer");
  const third = await makeTeam(db, "Third");
  const T = await makeDeviceType(db, maker.account.id, { name: "Gateway T", config: { heartbeat_period: 45 } });
  const U = await makeDeviceType(db, maker.account.id, { name: "Gateway U", config: {} });
  return { db, maker, buyer, third, T, U };
}

async function request(w: Awaited<ReturnType<typeof world>>, typeId: string, n = 2) {
  const escrow = await makeEscrowDevices(w.db, w.maker.account.id, n);
  const t = await createTransfer(w.maker.member, { to_company_id: w.buyer.account.id, device_type_id: typeId, escrow_device_ids: escrow.map((e) => e.id) });
  return { t, escrow };
}

const typesOf = async (w: Awaited<ReturnType<typeof world>>) =>
  (await w.db.select({ n: count() }).from(deviceTypes).where(eq(deviceTypes.accountId, w.buyer.account.id)))[0].n;

describe("acceptTransfer and device-type resolution", () => {
  it("resolves in sequence: copy, reuse, override, a second origin's own copy, a fresh copy after deletion", async () => {
    const w = await world();
    const O = await makeDeviceType(w.db, w.buyer.account.id, { name: "Our own" });

    // 1) first acceptance of T copies it.
    const r1 = await request(w, w.T.id);
    expect((await previewTransfer(w.buyer.admin, r1.t._id, null)).resolution).toBe("copy");
    const a1 = await acceptTransfer(w.buyer.admin, r1.t._id);
    expect(a1.status).toBe("accepted");
    expect(a1.errors).toEqual({});
    const Tc = (await w.db.select().from(deviceTypes).where(eq(deviceTypes.id, a1.resolved_device_type_id!)))[0];
    expect(Tc).toMatchObject({ accountId: w.buyer.account.id, name: w.T.name, manufacturer: w.T.manufacturer, model: w.T.model, type: w.T.type, longDescription: w.T.longDescription, capabilities: w.T.capabilities, config: w.T.config });
    expect(await typesOf(w)).toBe(2);
    const made = await w.db.select().from(devices).where(eq(devices.transferRequestId, r1.t._id));
    expect(made.map((d) => d.uniqueId).sort()).toEqual(r1.escrow.map((e) => e.uniqueId).sort());
    expect(made.every((d) => d.accountId === w.buyer.account.id && d.deviceTypeId === Tc.id && d.heartbeatPeriod === 45 && d.name === d.uniqueId)).toBe(true);
    const esc = await w.db.select().from(escrowDevices).where(inArray(escrowDevices.id, r1.escrow.map((e) => e.id)));
    expect(esc.every((e) => e.status === "transferred" && e.deviceId && e.transferCompletedAt && e.accountId === w.maker.account.id)).toBe(true);

    // 2) the next request with T reuses the copy: no new type.
    const r2 = await request(w, w.T.id);
    const p2 = await previewTransfer(w.buyer.admin, r2.t._id, null);
    expect(p2).toMatchObject({ resolution: "reuse", device_type: { _id: Tc.id, name: w.T.name } });
    expect(p2.copied_at).toMatch(/^\d{4}-/);
    expect((await acceptTransfer(w.buyer.admin, r2.t._id)).resolved_device_type_id).toBe(Tc.id);
    expect(await typesOf(w)).toBe(2);

    // 3) an override uses O and leaves the association alone.
    const r3 = await request(w, w.T.id);
    expect((await previewTransfer(w.buyer.admin, r3.t._id, O.id)).resolution).toBe("override");
    expect((await acceptTransfer(w.buyer.admin, r3.t._id, { device_type_id: O.id })).resolved_device_type_id).toBe(O.id);
    const assoc = await w.db.select().from(deviceTypeCopies).where(eq(deviceTypeCopies.destinationAccountId, w.buyer.account.id));
    expect(assoc).toHaveLength(1);
    expect(assoc[0].copyDeviceTypeId).toBe(Tc.id);
    expect(await typesOf(w)).toBe(2);
    // An override must be a type of the destination account.
    const r3b = await request(w, w.T.id);
    expect((await rejects(acceptTransfer(w.buyer.admin, r3b.t._id, { device_type_id: w.U.id }))).code).toBe("invalid");
    // The preview refuses the same override, and a malformed one, saying why.
    expect(await rejects(previewTransfer(w.buyer.admin, r3b.t._id, w.U.id))).toMatchObject({ code: "invalid", messages: ["device_type_id: is not a device type of the destination account"] });
    expect(await rejects(previewTransfer(w.buyer.admin, r3b.t._id, "x".repeat(65)))).toMatchObject({ code: "invalid", messages: ["device_type_id: is not a valid id"] });
    expect((await previewTransfer(w.buyer.admin, r3b.t._id, "")).resolution).toBe("reuse");

    // 4) another origin type U gets its own copy; heartbeat falls back to 60.
    const r4 = await request(w, w.U.id);
    const a4 = await acceptTransfer(w.buyer.admin, r4.t._id);
    expect(a4.resolved_device_type_id).not.toBe(Tc.id);
    expect(await typesOf(w)).toBe(3);
    expect((await w.db.select().from(devices).where(eq(devices.transferRequestId, r4.t._id))).every((d) => d.heartbeatPeriod === 60)).toBe(true);

    // 5) delete T′ (and the devices using it): the next acceptance of T copies afresh.
    await w.db.delete(devices).where(eq(devices.deviceTypeId, Tc.id));
    await w.db.delete(deviceTypes).where(eq(deviceTypes.id, Tc.id));
    expect((await previewTransfer(w.buyer.admin, r3b.t._id, null)).resolution).toBe("copy");
    const a5 = await acceptTransfer(w.buyer.admin, r3b.t._id);
    expect(a5.resolved_device_type_id).not.toBe(Tc.id);
    expect((await w.db.select().from(deviceTypes).where(eq(deviceTypes.id, a5.resolved_device_type_id!)))[0].name).toBe(w.T.name);
    expect(await typesOf(w)).toBe(3);

    // Both accounts audit every acceptance with its resolution.
    const acc = await w.db.select().from(auditEvents).where(and(eq(auditEvents.action, "transfer.accept"), eq(auditEvents.subjectId, r1.t._id)));
    expect(acc.map((a) => a.accountId).sort()).toEqual([w.maker.account.id, w.buyer.account.id].sort());
    expect(acc[0].detail).toMatchObject({ created: 2, failed: 0, resolution: "copy" });
  });

  it("an existing unique_id goes into errors, its escrow device returns to escrowed, the rest succeed", async () => {
    const w = await world();
    const { t, escrow } = await request(w, w.T.id, 3);
    const other = await makeDeviceType(w.db, w.third.account.id);
    await w.db.insert(devices).values({ accountId: w.third.account.id, uniqueId: escrow[1].uniqueId, name: "squatter", deviceTypeId: other.id });
    const a = await acceptTransfer(w.buyer.admin, t._id);
    expect(a.errors).toEqual({ [escrow[1].id]: `a device with unique_id ${escrow[1].uniqueId} already exists` });
    const esc = Object.fromEntries((await w.db.select().from(escrowDevices).where(inArray(escrowDevices.id, escrow.map((e) => e.id)))).map((e) => [e.id, e]));
    expect(esc[escrow[1].id]).toMatchObject({ status: "escrowed", deviceId: null, transferInitiatedAt: null });
    expect(esc[escrow[0].id].status).toBe("transferred");
    const items = await w.db.select().from(transferRequestItems).where(eq(transferRequestItems.requestId, t._id));
    expect(items.map((i) => i.state).sort()).toEqual(["failed", "transferred", "transferred"]);
    expect(await w.db.select().from(devices).where(eq(devices.transferRequestId, t._id))).toHaveLength(2);
  });

  it("accepting twice is a 409 and creates nothing twice; accept notifies the gateway channel with a JSON array", async () => {
    const w = await world();
    const { t, escrow } = await request(w, w.T.id, 3);
    const heard: string[] = [];
    const stop = await database.listen("handoff_device_active", (p) => heard.push(p));
    await acceptTransfer(w.buyer.admin, t._id);
    expect((await rejects(acceptTransfer(w.buyer.admin, t._id))).code).toBe("conflict");
    expect((await rejects(rejectTransfer(w.buyer.admin, t._id))).code).toBe("conflict");
    expect((await rejects(cancelTransfer(w.maker.admin, t._id))).code).toBe("conflict");
    expect(await w.db.select().from(devices).where(eq(devices.transferRequestId, t._id))).toHaveLength(3);
    for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(heard.flatMap((p) => JSON.parse(p)).sort()).toEqual(escrow.map((e) => e.uniqueId).sort());
  });

  it("roles: only destination admins accept/reject/preview; only originating members/admins cancel; third accounts get 404", async () => {
    const w = await world();
    const { t } = await request(w, w.T.id);
    for (const ctx of [w.buyer.member, w.buyer.viewer, w.maker.admin, w.maker.member]) {
      expect((await rejects(acceptTransfer(ctx, t._id))).code).toBe("forbidden");
      expect((await rejects(rejectTransfer(ctx, t._id))).code).toBe("forbidden");
      expect((await rejects(previewTransfer(ctx, t._id, null))).code).toBe("forbidden");
    }
    for (const ctx of [w.maker.viewer, w.buyer.admin, w.buyer.member]) expect((await rejects(cancelTransfer(ctx, t._id))).code).toBe("forbidden");
    for (const ctx of [w.third.admin, w.third.viewer]) {
      expect((await rejects(getTransfer(ctx, t._id))).code).toBe("not_found");
      expect((await rejects(acceptTransfer(ctx, t._id))).code).toBe("not_found");
      expect((await rejects(rejectTransfer(ctx, t._id))).code).toBe("not_found");
      expect((await rejects(cancelTransfer(ctx, t._id))).code).toBe("not_found");
      expect((await rejects(previewTransfer(ctx, t._id, null))).code).toBe("not_found");
      expect(await listTransfers(ctx, new URLSearchParams())).toEqual([]);
    }
    // Both sides see it, in their lists too.
    for (const ctx of [w.maker.viewer, w.buyer.viewer]) {
      expect((await getTransfer(ctx, t._id))._id).toBe(t._id);
      expect(((await listTransfers(ctx, new URLSearchParams())) as { _id: string }[]).map((x) => x._id)).toContain(t._id);
    }
    expect((await getTransfer(w.buyer.member, t._id)).status).toBe("pending");
  });

  it("reject (with reason) and cancel release the escrow devices and audit both accounts", async () => {
    const w = await world();
    const r1 = await request(w, w.T.id);
    const rej = await rejectTransfer(w.buyer.admin, r1.t._id, { reason: "wrong site" });
    expect(rej).toMatchObject({ status: "rejected", reason: "wrong site", decided_by: w.buyer.users.admin.id });
    expect((await rejects(rejectTransfer(w.buyer.admin, r1.t._id, { reason: "x".repeat(501) }))).code).toBe("invalid");
    const r2 = await request(w, w.T.id);
    expect((await cancelTransfer(w.maker.member, r2.t._id)).status).toBe("cancelled");
    const ids = [...r1.escrow, ...r2.escrow].map((e) => e.id);
    const esc = await w.db.select().from(escrowDevices).where(inArray(escrowDevices.id, ids));
    expect(esc.every((e) => e.status === "escrowed" && e.transferInitiatedAt === null)).toBe(true);
    const items = await w.db.select().from(transferRequestItems).where(inArray(transferRequestItems.requestId, [r1.t._id, r2.t._id]));
    expect(items.every((i) => i.state === "released")).toBe(true);
    const audit = await w.db.select().from(auditEvents).where(inArray(auditEvents.subjectId, [r1.t._id, r2.t._id]));
    for (const action of ["transfer.reject", "transfer.cancel"]) {
      expect(audit.filter((a) => a.action === action).map((a) => a.accountId).sort()).toEqual([w.maker.account.id, w.buyer.account.id].sort());
    }
  });

  it("expiry is lazy: a request past expires_at behaves as expired and frees its devices", async () => {
    const w = await world();
    const escrow = await makeEscrowDevices(w.db, w.maker.account.id, 2);
    const ids = escrow.map((e) => e.id);
    const t = await createTransfer(w.maker.admin, { to_company_id: w.buyer.account.id, device_type_id: w.T.id, escrow_device_ids: ids, expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    await w.db.execute(sql`update transfer_requests set expires_at = now() - interval '1 minute' where id = ${t._id}`);
    expect((await rejects(acceptTransfer(w.buyer.admin, t._id))).code).toBe("conflict");
    expect((await getTransfer(w.buyer.admin, t._id)).status).toBe("expired");
    const again = await createTransfer(w.maker.admin, { to_company_id: w.buyer.account.id, device_type_id: w.T.id, escrow_device_ids: ids });
    expect(again.status).toBe("pending");
    const audit = await w.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, t._id), eq(auditEvents.action, "transfer.expire")));
    expect(audit.map((a) => a.accountId).sort()).toEqual([w.maker.account.id, w.buyer.account.id].sort());
    expect(audit[0].actorType).toBe("system");
  });

  it("lists filter by direction, status and company on either side; unknown filters are 400", async () => {
    const w = await world();
    const { t } = await request(w, w.T.id);
    const q = (s: string) => listTransfers(w.maker.admin, new URLSearchParams(s)) as Promise<{ _id: string }[]>;
    expect((await q(`to_company_id=${w.buyer.account.id}`)).map((x) => x._id)).toEqual([t._id]);
    expect(await q(`from_company_id=${w.buyer.account.id}`)).toEqual([]);
    expect((await q(`company_id=${w.buyer.account.id}&status=pending`)).map((x) => x._id)).toEqual([t._id]);
    expect(await q("status=accepted")).toEqual([]);
    expect((await q(`device_type_id=${w.T.id}&created_at_gte=2000-01-01`)).map((x) => x._id)).toEqual([t._id]);
    const bad = await rejects(q("status=bogus&nope=1"));
    expect(bad.code).toBe("invalid");
    expect(bad.messages).toHaveLength(2);
  });

  it("the copy association is internal: no serialized request or preview mentions it", async () => {
    const w = await world();
    const { t } = await request(w, w.T.id);
    const pre = JSON.stringify(await previewTransfer(w.buyer.admin, t._id, null));
    const acc = JSON.stringify(await acceptTransfer(w.buyer.admin, t._id));
    const [assoc] = await queryRows<{ origin_device_type_id: string }>(w.db, sql`select origin_device_type_id from device_type_copies where destination_account_id = ${w.buyer.account.id}`);
    expect(assoc.origin_device_type_id).toBe(w.T.id);
    for (const body of [pre, acc]) expect(body).not.toMatch(/copies|origin_device_type|copy_device_type|association/i);
  });
});
