import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { devices, escrowDevices, users } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { seedDemo } from "@/lib/demo/seed";
import { liveEscrowDevices } from "@/lib/escrow-devices/live";
import { testDatabase } from "@/lib/test/db";
import { ctxFor } from "@/lib/test/factories";
import { LIVE_MAX_IDS, liveDevices } from "./live";

let database: Database;
const as: Record<string, Ctx> = {};
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  for (const email of ["maker@acme.test", "admin@globex.test"]) {
    const [u] = await database.db.select().from(users).where(eq(users.email, email));
    as[email] = await ctxFor(database.db, u.id);
  }
});

describe("live fields for list and detail pages", () => {
  it("follow heartbeats and check-ins, and never show another account's records", async () => {
    const db = database.db;
    const all = await db.select({ id: devices.id, uniqueId: devices.uniqueId }).from(devices);
    const escrow = await db.select({ id: escrowDevices.id }).from(escrowDevices);
    const globex = as["admin@globex.test"];
    const maker = as["maker@acme.test"];
    const ids = all.map((d) => d.id);

    const never = all.find((d) => d.uniqueId === "acme-gw-0004") as { id: string };
    expect((await liveDevices(globex, [never.id]))[0]).toEqual({ _id: never.id, heartbeat_status: "never_reported", heartbeat_at: null });
    await db.update(devices).set({ heartbeatAt: sql`now()` }).where(eq(devices.id, never.id));
    expect((await liveDevices(globex, [never.id]))[0]).toMatchObject({ heartbeat_status: "online", heartbeat_at: expect.any(String) });
    expect(await liveDevices(globex, ids)).toHaveLength(4);
    // The maker sees none of Globex's devices; Globex none of the maker's escrow devices.
    expect(await liveDevices(maker, ids)).toEqual([]);
    expect(await liveEscrowDevices(globex, escrow.map((e) => e.id))).toEqual([]);

    const [first] = escrow;
    await db.update(escrowDevices).set({ lastCheckinAt: new Date("2026-01-02T03:04:05Z") }).where(eq(escrowDevices.id, first.id));
    expect(await liveEscrowDevices(maker, [first.id])).toEqual([expect.objectContaining({ _id: first.id, last_checkin_at: "2026-01-02T03:04:05.000Z" })]);
    await expect(liveDevices(globex, Array.from({ length: LIVE_MAX_IDS + 1 }, (_, i) => `x${i}`))).rejects.toMatchObject({ code: "invalid" });
  });
});
