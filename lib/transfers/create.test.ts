import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, escrowDevices, transferRequestItems, transferRequests } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { rejects } from "@/lib/test/rejects";
import { cancelTransfer } from "./cancel";
import { createTransfer } from "./create";
import { makeDeviceType, makeEscrowDevices } from "./test-factories";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});


async function setup() {
  const db = database.db;
  const maker = await makeTeam(db, "Maker");
  const buyer = await makeTeam(db, "Buyer");
  const type = await makeDeviceType(db, maker.account.id);
  const escrow = await makeEscrowDevices(db, maker.account.id, 5);
  return { db, maker, buyer, type, escrow };
}

describe("createTransfer", () => {
  it("moves the escrow devices to transfer_pending, writes items and audits both accounts", async () => {
    const { db, maker, buyer, type, escrow } = await setup();
    const ids = escrow.map((e) => e.id);
    const t = await createTransfer(maker.member, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: ids });
    expect(t).toMatchObject({ from_company_id: maker.account.id, company_id: maker.account.id, to_company_id: buyer.account.id, status: "pending", device_count: 5, errors: null });
    expect([...t.escrow_device_ids].sort()).toEqual([...ids].sort());
    const rows = await db.select().from(escrowDevices).where(inArray(escrowDevices.id, ids));
    expect(rows.every((r) => r.status === "transfer_pending" && r.transferInitiatedAt)).toBe(true);
    const items = await db.select().from(transferRequestItems).where(eq(transferRequestItems.requestId, t._id));
    expect(items).toHaveLength(5);
    expect(items.every((i) => i.state === "pending")).toBe(true);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, t._id), eq(auditEvents.action, "transfer.create")));
    expect(audit.map((a) => a.accountId).sort()).toEqual([maker.account.id, buyer.account.id].sort());
  });

  it("400 lists every problem: empty list, duplicates, past expiry, same account, foreign type", async () => {
    const { maker, buyer, type, escrow } = await setup();
    const bad = await rejects(createTransfer(maker.admin, { to_company_id: 5, escrow_device_ids: [], expires_at: "2001-01-01T00:00:00Z" }));
    expect(bad.code).toBe("invalid");
    const text = bad.messages.join("\n");
    for (const f of ["to_company_id", "device_type_id", "escrow_device_ids", "expires_at"]) expect(text).toContain(`${f}:`);
    const dup = await rejects(createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id, escrow[0].id] }));
    expect(dup.code).toBe("invalid");
    expect(dup.messages.join()).toContain(escrow[0].id);
    const huge = await rejects(createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: Array.from({ length: 10_001 }, (_, i) => `x${i}`) }));
    expect(huge.code).toBe("invalid");
    const foreign = await makeDeviceType(database.db, buyer.account.id);
    const both = await rejects(createTransfer(maker.admin, { to_company_id: maker.account.id, device_type_id: foreign.id, escrow_device_ids: [escrow[0].id] }));
    expect(both.code).toBe("invalid");
    expect(both.messages).toHaveLength(2);
    expect(both.messages.join()).toContain("foreign device type");
  });

  it("404 for an unknown destination and for escrow devices the actor cannot see, naming them", async () => {
    const { maker, buyer, type, escrow } = await setup();
    const theirs = await makeEscrowDevices(database.db, buyer.account.id, 1);
    const e = await rejects(createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id, theirs[0].id, "nope"] }));
    expect(e.code).toBe("not_found");
    expect(e.messages.join("\n")).toContain(theirs[0].id);
    expect(e.messages.join("\n")).toContain("nope");
    expect((await rejects(createTransfer(maker.admin, { to_company_id: "000000000000000000000000", device_type_id: type.id, escrow_device_ids: [escrow[0].id] }))).code).toBe("not_found");
  });

  it("a viewer gets 403; nothing is written", async () => {
    const { db, maker, buyer, type, escrow } = await setup();
    expect((await rejects(createTransfer(maker.viewer, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id] }))).code).toBe("forbidden");
    expect(await db.select().from(transferRequests).where(eq(transferRequests.fromAccountId, maker.account.id))).toHaveLength(0);
  });

  it("409 names each escrow device already pending or transferred; the pending ones can be requested again after a cancel", async () => {
    const { db, maker, buyer, type, escrow } = await setup();
    const first = await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id, escrow[1].id] });
    await db.update(escrowDevices).set({ status: "transferred" }).where(eq(escrowDevices.id, escrow[2].id));
    const e = await rejects(createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((x) => x.id) }));
    expect(e.code).toBe("conflict");
    const text = e.messages.join("\n");
    for (const x of escrow.slice(0, 3)) {
      expect(text).toContain(x.uniqueId);
      expect(text).toContain(x.id);
    }
    expect(text).not.toContain(escrow[3].uniqueId);
    // Nothing half-written: devices 3 and 4 are still escrowed.
    const free = await db.select().from(escrowDevices).where(inArray(escrowDevices.id, [escrow[3].id, escrow[4].id]));
    expect(free.every((f) => f.status === "escrowed")).toBe(true);
    await cancelTransfer(maker.member, first._id);
    const again = await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id, escrow[1].id] });
    expect(again.status).toBe("pending");
  });

  it("the partial unique index refuses a second pending item for an escrow device, whatever the code does", async () => {
    const { db, maker, buyer, type, escrow } = await setup();
    const t = await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id] });
    const [other] = await db.insert(transferRequests).values({ fromAccountId: maker.account.id, toAccountId: buyer.account.id, deviceTypeId: type.id, deviceCount: 1 }).returning();
    await expect(db.insert(transferRequestItems).values({ requestId: other.id, escrowDeviceId: escrow[0].id, uniqueId: escrow[0].uniqueId })).rejects.toThrow();
    // A status drifted back to escrowed still cannot yield a second pending request: 409, not 500.
    await db.update(escrowDevices).set({ status: "escrowed" }).where(eq(escrowDevices.id, escrow[0].id));
    const e = await rejects(createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[0].id] }));
    expect(e.code).toBe("conflict");
    expect(e.messages.join()).toContain(escrow[0].uniqueId);
    expect(t.status).toBe("pending");
  });
});
