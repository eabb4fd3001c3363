import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { devices } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { rejects } from "@/lib/test/rejects";
import { acceptTransfer } from "./accept";
import { getActivation } from "./activation";
import { createTransfer } from "./create";
import { makeDeviceType, makeEscrowDevices } from "./test-factories";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});

describe("activation picture", () => {
  it("curve, median and stuck list from aggregates; each side gets its own links; a third account 404s", async () => {
    const db = database.db;
    const maker = await makeTeam(db, "Act maker");
    const buyer = await makeTeam(db, "Act buyer");
    const third = await makeTeam(db, "Act third");
    const type = await makeDeviceType(db, maker.account.id, { config: { heartbeat_period: 30 } });
    const escrow = await makeEscrowDevices(db, maker.account.id, 5, { prefix: "act" });
    const t = await createTransfer(maker.member, { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) });
    const pending = await getActivation(maker.viewer, t._id);
    expect(pending).toMatchObject({ status: "pending", progress: null, live: true, stuck: [] });
    await acceptTransfer(buyer.admin, t._id);

    // Accepted 20 minutes ago: two configured (one heartbeating after 120 s), one configured 5 min ago and silent, two never configured.
    const t0 = sql`now() - interval '20 minutes'`;
    await db.execute(sql`update transfer_requests set transferred_at = ${t0} where id = ${t._id}`);
    const at = (uid: string, cfg: string | null, hb: string | null) =>
      db.execute(sql`update devices set config_delivered_at = ${cfg ? sql.raw(`now() - interval '${cfg}'`) : null},
                     first_heartbeat_at = ${hb ? sql.raw(`now() - interval '${hb}'`) : null} where unique_id = ${uid}`);
    await at("act-00001", "19 minutes", "18 minutes");
    await at("act-00002", "19 minutes", "17 minutes");
    await at("act-00003", "5 minutes", null);
    await db.execute(sql`update escrow_devices set last_checkin_at = now() - interval '25 minutes' where unique_id = 'act-00004'`);

    const seenByBuyer = await getActivation(buyer.viewer, t._id);
    expect(seenByBuyer.progress).toEqual({ devices: 5, created: 5, failed: 0, config_delivered: 3, first_heartbeat: 2 });
    expect(seenByBuyer.live).toBe(true);
    expect(seenByBuyer.median_seconds_to_first_heartbeat).toBeCloseTo(150, 0);
    expect(seenByBuyer.curve[0]).toEqual({ t: 0, config_delivered: 0, first_heartbeat: 0 });
    expect(seenByBuyer.curve.at(-1)).toMatchObject({ config_delivered: 3, first_heartbeat: 2 });
    expect(seenByBuyer.curve.length).toBeLessThanOrEqual(42);
    for (let k = 1; k < seenByBuyer.curve.length; k++) expect(seenByBuyer.curve[k].first_heartbeat).toBeGreaterThanOrEqual(seenByBuyer.curve[k - 1].first_heartbeat);
    expect(seenByBuyer.stuck_total).toBe(3);
    expect(seenByBuyer.stuck.map((s) => [s.unique_id, s.reason])).toEqual([
      ["act-00003", "no_heartbeat"],
      ["act-00004", "not_configured"],
      ["act-00005", "not_configured"],
    ]);
    const [dev3] = await db.select().from(devices).where(eq(devices.uniqueId, "act-00003"));
    expect(seenByBuyer.stuck[0]).toMatchObject({ device_id: dev3.id, escrow_device_id: null });
    expect(seenByBuyer.stuck[1].last_checkin_at).toMatch(/Z$/);

    const seenByMaker = await getActivation(maker.viewer, t._id);
    expect(seenByMaker.stuck[0]).toMatchObject({ device_id: null, escrow_device_id: escrow[2].id });
    await rejects(getActivation(third.admin, t._id), "not_found");
  });
});
