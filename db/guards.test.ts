import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { escrowDevices, transferRequests } from "@/db/schema";
import { deleteDeviceType } from "@/lib/device-types/delete";
import { findPgError } from "@/lib/errors";
import { deleteEscrowDevice } from "@/lib/escrow-devices/delete";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { cancelTransfer } from "@/lib/transfers/cancel";
import { createTransfer } from "@/lib/transfers/create";
import { getTransferDetail } from "@/lib/transfers/detail";
import { listInbox } from "@/lib/transfers/inbox";
import { makeDeviceType, makeEscrowDevices } from "@/lib/transfers/test-factories";

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

async function sqlError(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  return findPgError(err);
}

describe("the database guards the rules, whatever the code path", () => {
  it("refuses to delete an escrow device in a pending request, even with raw SQL", async () => {
    const maker = await makeTeam(db);
    const buyer = await makeTeam(db);
    const type = await makeDeviceType(db, maker.account.id);
    const [dev] = await makeEscrowDevices(db, maker.account.id, 1);
    await createTransfer(maker.member, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [dev.id] });
    const e = await sqlError(db.execute(sql`delete from escrow_devices where id = ${dev.id}`));
    expect(e?.code).toBe("23514");
    expect(e?.constraint).toBe("escrow_devices_not_pending_on_delete");
    // …and the same device once free again is deletable.
    const [req] = await db.select().from(transferRequests).where(eq(transferRequests.fromAccountId, maker.account.id));
    await cancelTransfer(maker.member, req.id);
    await deleteEscrowDevice(maker.member, dev.id);
    expect(await db.select().from(escrowDevices).where(eq(escrowDevices.id, dev.id))).toHaveLength(0);
  });

  it("keeps a device type while a pending request names it, and lets it go once the request is decided", async () => {
    const maker = await makeTeam(db);
    const buyer = await makeTeam(db, "Buyer");
    const type = await makeDeviceType(db, maker.account.id, { name: "Short-lived type" });
    const devs = await makeEscrowDevices(db, maker.account.id, 2);
    const created = await createTransfer(maker.member, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: devs.map((d) => d.id) });
    const raw = await sqlError(db.execute(sql`delete from device_types where id = ${type.id}`));
    expect(raw?.code).toBe("23503");
    await expect(deleteDeviceType(maker.member, type.id)).rejects.toMatchObject({ code: "conflict" });

    await cancelTransfer(maker.member, created._id);
    await deleteDeviceType(maker.member, type.id);
    const [req] = await db.select().from(transferRequests).where(eq(transferRequests.id, created._id));
    expect(req.status).toBe("cancelled");
    expect(req.deviceTypeId).toBeNull();
    // The history still reads.
    const inbox = await listInbox(maker.member, { accountId: maker.account.id, direction: "outgoing" });
    expect(inbox.rows.find((r) => r.id === created._id)?.deviceTypeName).toBe("A deleted device type");
    const detail = await getTransferDetail(maker.member, created._id, maker.account.id);
    expect(detail.deviceTypeName).toBe("A deleted device type");
  });

  it("an expired request frees its escrow devices for deletion without any sweep having run", async () => {
    const maker = await makeTeam(db);
    const buyer = await makeTeam(db);
    const type = await makeDeviceType(db, maker.account.id);
    const [dev] = await makeEscrowDevices(db, maker.account.id, 1);
    const created = await createTransfer(maker.member, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [dev.id] });
    await db.update(transferRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(transferRequests.id, created._id));
    const deleted = await deleteEscrowDevice(maker.member, dev.id);
    expect(deleted.unique_id).toBe(dev.uniqueId);
    const [req] = await db.select().from(transferRequests).where(eq(transferRequests.id, created._id));
    expect(req.status).toBe("expired");
  });
});
