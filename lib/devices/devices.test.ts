import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, devices, deviceTypes } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { rejects } from "@/lib/test/rejects";
import { deleteDevice } from "./delete";
import { getDevice } from "./get";
import { listDevices } from "./list";
import { updateDevice } from "./update";

let database: Database;
let team: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
const ids: Record<string, string> = {};


beforeAll(async () => {
  database = await testDatabase();
  team = await makeTeam(database.db, "Globex");
  other = await makeTeam(database.db, "Other");
  const [dt] = await database.db
    .insert(deviceTypes)
    .values({ accountId: team.account.id, name: "GW", manufacturer: "Acme", model: "X", type: "gateway" })
    .returning();
  const now = Date.now();
  const rows = await database.db
    .insert(devices)
    .values([
      { accountId: team.account.id, uniqueId: "dev-online", name: "Online one", deviceTypeId: dt.id, heartbeatPeriod: 60, heartbeatAt: new Date(now - 30_000), deviceTokenDigest: "a".repeat(64) },
      { accountId: team.account.id, uniqueId: "dev-offline", name: "Offline one", deviceTypeId: dt.id, heartbeatPeriod: 60, heartbeatAt: new Date(now - 180_000) },
      { accountId: team.account.id, uniqueId: "dev-never", name: "Never", deviceTypeId: dt.id },
    ])
    .returning();
  for (const r of rows) ids[r.uniqueId] = r.id;
  ids.dt = dt.id;
});

describe("devices", () => {
  it("heartbeat_status is computed and filterable; the token digest never appears", async () => {
    const p = (q: string) => new URLSearchParams(q);
    const all = (await listDevices(team.viewer, p("order_by=unique_id"))) as { unique_id: string; heartbeat_status: string }[];
    expect(all.map((d) => [d.unique_id, d.heartbeat_status])).toEqual([
      ["dev-never", "never_reported"],
      ["dev-offline", "offline"],
      ["dev-online", "online"],
    ]);
    expect(JSON.stringify(all)).not.toContain("aaaa");
    expect(Object.keys(all[0]).sort()).toEqual(
      ["_id", "company_id", "user_id", "unique_id", "name", "device_type_id", "escrow_device_id", "transfer_request_id", "config_delivered_at", "first_heartbeat_at", "heartbeat_period", "heartbeat_at", "heartbeat_status", "tags", "created_at", "updated_at"].sort(),
    );
    for (const s of ["online", "offline", "never_reported"]) {
      const r = (await listDevices(team.viewer, p(`heartbeat_status=${s}`))) as { heartbeat_status: string }[];
      expect(r.map((d) => d.heartbeat_status)).toEqual([s]);
    }
    const notOnline = (await listDevices(team.viewer, p("heartbeat_status_ne=online&page_meta=true"))) as { total: number };
    expect(notOnline.total).toBe(2);
    expect(((await listDevices(team.viewer, p("name_like=offline"))) as unknown[]).length).toBe(1);
    expect(((await listDevices(team.viewer, p(`device_type_id=${ids.dt}`))) as unknown[]).length).toBe(3);
    expect(((await listDevices(team.viewer, p("escrow_device_id=nope"))) as unknown[]).length).toBe(0);
    expect(((await listDevices(team.viewer, p("unique_id=dev-never"))) as unknown[]).length).toBe(1);
    expect(((await listDevices(team.viewer, p("created_at_lt=2000-01-01"))) as unknown[]).length).toBe(0);
    await rejects(listDevices(team.viewer, p("heartbeat_status=sleepy&token=1")), "invalid");
    expect(((await listDevices(other.admin, p(""))) as unknown[]).length).toBe(0);
  });

  it("update name, tags, heartbeat_period; a new period changes the status; audited", async () => {
    const d = await updateDevice(team.member, ids["dev-offline"], { name: "  Renamed  ", tags: ["north", "north", "pump"], heartbeat_period: 3600 });
    expect(d).toMatchObject({ name: "Renamed", tags: ["north", "pump"], heartbeat_period: 3600, heartbeat_status: "online" });
    const [a] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, d._id));
    expect(a.action).toBe("device.update");
    const err = await rejects(updateDevice(team.member, d._id, { name: 7, tags: "x", heartbeat_period: 0 }), "invalid");
    expect(err.messages).toHaveLength(3);
    await rejects(updateDevice(team.member, d._id, { heartbeat_period: 86_401 }), "invalid");
  });

  it("roles and tenants; delete", async () => {
    const id = ids["dev-never"];
    await rejects(updateDevice(team.viewer, id, { name: "x" }), "forbidden");
    await rejects(deleteDevice(team.viewer, id), "forbidden");
    await rejects(getDevice(other.admin, id), "not_found");
    await rejects(updateDevice(other.admin, id, { name: "x" }), "not_found");
    await rejects(deleteDevice(other.admin, id), "not_found");
    await deleteDevice(team.member, id);
    await rejects(getDevice(team.member, id), "not_found");
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(devices).where(eq(devices.id, id));
    expect(row.n).toBe(0);
    const [a] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id));
    expect(a.action).toBe("device.delete");
  });
});
