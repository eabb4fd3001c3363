import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { acceptTransfer } from "./accept";
import { createTransfer } from "./create";
import { getTransferDetail } from "./detail";
import { countPendingIncoming, deviceTypeOptions, listInbox } from "./inbox";
import { makeDeviceType, makeEscrowDevices } from "./test-factories";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});

describe("portal views of transfers", () => {
  it("inboxes name the counterparty and type, the badge counts pending incoming, the detail shows each side its own view", async () => {
    const db = database.db;
    const maker = await makeTeam(db, "Maker Inbox");
    const buyer = await makeTeam(db, "Buyer Inbox");
    const third = await makeTeam(db, "Third Inbox");
    const type = await makeDeviceType(db, maker.account.id, { name: "Edge 7" });
    const escrow = await makeEscrowDevices(db, maker.account.id, 4);
    const a = await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.slice(0, 2).map((e) => e.id) });
    const b = await createTransfer(maker.admin, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.slice(2).map((e) => e.id) });
    expect(await countPendingIncoming(buyer.viewer, buyer.account.id)).toBe(2);
    expect(await countPendingIncoming(maker.admin, maker.account.id)).toBe(0);
    await expect(countPendingIncoming(third.admin, buyer.account.id)).rejects.toBeInstanceOf(AppError);

    await acceptTransfer(buyer.admin, a._id);
    expect(await countPendingIncoming(buyer.viewer, buyer.account.id)).toBe(1);
    const incoming = await listInbox(buyer.member, { accountId: buyer.account.id, direction: "incoming" });
    expect(incoming.total).toBe(2);
    expect(incoming.rows.map((r) => [r.id, r.counterpartyName, r.deviceTypeName, r.deviceCount])).toEqual(
      expect.arrayContaining([
        [a._id, "Maker Inbox", "Edge 7", 2],
        [b._id, "Maker Inbox", "Edge 7", 2],
      ]),
    );
    const pendingOut = await listInbox(maker.viewer, { accountId: maker.account.id, direction: "outgoing", status: "pending" });
    expect(pendingOut.rows.map((r) => [r.id, r.counterpartyName])).toEqual([[b._id, "Buyer Inbox"]]);
    expect((await listInbox(maker.viewer, { accountId: maker.account.id, direction: "incoming" })).total).toBe(0);

    const mine = await getTransferDetail(buyer.member, a._id, buyer.account.id);
    expect(mine).toMatchObject({ direction: "incoming", fromName: "Maker Inbox", toName: "Buyer Inbox", canDecide: false, canCancel: false, resolution: "copy" });
    expect(mine.items.every((i) => i.state === "transferred" && i.deviceId)).toBe(true);
    expect(mine.history.map((h) => h.action).sort()).toEqual(["transfer.accept", "transfer.create"]);
    const theirs = await getTransferDetail(maker.admin, a._id, maker.account.id);
    expect(theirs.direction).toBe("outgoing");
    expect(theirs.items.every((i) => i.deviceId === null)).toBe(true);
    expect((await getTransferDetail(buyer.admin, b._id, buyer.account.id)).canDecide).toBe(true);
    expect((await getTransferDetail(maker.member, b._id, maker.account.id)).canCancel).toBe(true);
    await expect(getTransferDetail(third.admin, a._id, third.account.id)).rejects.toMatchObject({ code: "not_found" });

    const types = await deviceTypeOptions(buyer.admin, buyer.account.id);
    expect(types.map((t) => t.name)).toEqual(["Edge 7"]);
    await expect(deviceTypeOptions(third.admin, buyer.account.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
