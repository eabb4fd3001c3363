import { count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { devices, deviceTypeCopies, deviceTypes, escrowDevices, transferRequestItems, transferRequests } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDatabase } from "@/lib/test/db";
import { ctxFor, makeTeam, makeUser } from "@/lib/test/factories";
import { acceptTransfer } from "./accept";
import { cancelTransfer } from "./cancel";
import { createTransfer } from "./create";
import { rejectTransfer } from "./reject";
import { makeDeviceType, makeEscrowDevices } from "./test-factories";

let database: Database;
beforeAll(async () => {
  database = await testDatabase({ max: 30 });
});

async function settle<T>(ps: Promise<T>[]) {
  const out = await Promise.allSettled(ps);
  const ok = out.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<T>).value);
  const errs = out.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason);
  for (const e of errs) if (!(e instanceof AppError)) throw e;
  return { ok, errs: errs as AppError[] };
}

describe("transfers under real concurrency (PostgreSQL)", () => {
  it("20 simultaneous accepts of one request: exactly one wins, the rest 409, devices created once", async () => {
    const db = database.db;
    const maker = await makeTeam(db);
    const buyer = await makeTeam(db);
    const admins = await Promise.all(Array.from({ length: 19 }, async () => ctxFor(db, (await makeUser(db, { accountId: buyer.account.id, role: "admin" })).id)));
    const type = await makeDeviceType(db, maker.account.id);
    const escrow = await makeEscrowDevices(db, maker.account.id, 50);
    const t = await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) });
    const { ok, errs } = await settle([buyer.admin, ...admins].map((ctx) => acceptTransfer(ctx, t._id)));
    expect(ok).toHaveLength(1);
    expect(errs).toHaveLength(19);
    expect(errs.every((e) => e.code === "conflict")).toBe(true);
    expect((await db.select({ n: count() }).from(devices).where(eq(devices.transferRequestId, t._id)))[0].n).toBe(50);
    expect((await db.select({ n: count() }).from(deviceTypes).where(eq(deviceTypes.accountId, buyer.account.id)))[0].n).toBe(1);
  });

  it("two different requests with the same origin type accepted simultaneously: exactly one copy", async () => {
    const db = database.db;
    const maker = await makeTeam(db);
    const buyer = await makeTeam(db);
    const second = await ctxFor(db, (await makeUser(db, { accountId: buyer.account.id, role: "admin" })).id);
    const type = await makeDeviceType(db, maker.account.id);
    const reqs = [];
    for (let i = 0; i < 6; i++) {
      const escrow = await makeEscrowDevices(db, maker.account.id, 5);
      reqs.push(await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) }));
    }
    const { ok, errs } = await settle(reqs.map((r, i) => acceptTransfer(i % 2 ? second : buyer.admin, r._id)));
    expect(errs).toEqual([]);
    expect(ok).toHaveLength(6);
    const copies = await db.select().from(deviceTypes).where(eq(deviceTypes.accountId, buyer.account.id));
    expect(copies).toHaveLength(1);
    expect(new Set(ok.map((o) => o.resolved_device_type_id))).toEqual(new Set([copies[0].id]));
    expect(await db.select().from(deviceTypeCopies).where(eq(deviceTypeCopies.destinationAccountId, buyer.account.id))).toHaveLength(1);
    const rows = await db.select().from(transferRequests).where(inArray(transferRequests.id, reqs.map((r) => r._id)));
    expect(rows.filter((r) => r.resolution === "copy")).toHaveLength(1);
  });

  it("accept racing cancel and reject: exactly one decision wins, escrow devices end consistent", async () => {
    const db = database.db;
    const maker = await makeTeam(db);
    const buyer = await makeTeam(db);
    const type = await makeDeviceType(db, maker.account.id);
    for (let round = 0; round < 5; round++) {
      const escrow = await makeEscrowDevices(db, maker.account.id, 10);
      const t = await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) });
      const { ok, errs } = await settle<{ status: string }>([acceptTransfer(buyer.admin, t._id), cancelTransfer(maker.member, t._id), rejectTransfer(buyer.admin, t._id)]);
      expect(ok).toHaveLength(1);
      expect(errs.map((e) => e.code)).toEqual(["conflict", "conflict"]);
      const made = (await db.select({ n: count() }).from(devices).where(eq(devices.transferRequestId, t._id)))[0].n;
      const states = await db.select().from(escrowDevices).where(inArray(escrowDevices.id, escrow.map((e) => e.id)));
      if (ok[0].status === "accepted") {
        expect(made).toBe(10);
        expect(states.every((s) => s.status === "transferred")).toBe(true);
      } else {
        expect(made).toBe(0);
        expect(states.every((s) => s.status === "escrowed")).toBe(true);
      }
    }
  });

  it("two simultaneous requests naming the same escrow device: exactly one is created", async () => {
    const db = database.db;
    const maker = await makeTeam(db);
    const buyers = await Promise.all([makeTeam(db), makeTeam(db)]);
    const type = await makeDeviceType(db, maker.account.id);
    for (let round = 0; round < 5; round++) {
      const escrow = await makeEscrowDevices(db, maker.account.id, 20);
      const ids = escrow.map((e) => e.id);
      const { ok, errs } = await settle(
        [maker.admin, maker.member].map((ctx, i) =>
          createTransfer(ctx, { to_company_id: buyers[i].account.id, device_type_id: type.id, escrow_device_ids: i ? [...ids].reverse() : ids }),
        ),
      );
      expect(ok).toHaveLength(1);
      expect(errs).toHaveLength(1);
      expect(errs[0].code).toBe("conflict");
      const pending = await db.select().from(transferRequestItems).where(inArray(transferRequestItems.escrowDeviceId, ids));
      expect(pending).toHaveLength(20);
      expect(new Set(pending.map((p) => p.requestId))).toEqual(new Set([ok[0]._id]));
    }
  });
});
