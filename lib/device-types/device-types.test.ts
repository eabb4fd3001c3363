import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, devices, deviceTypeCopies, deviceTypes, transferRequests } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { rejects } from "@/lib/test/rejects";
import { createDeviceType } from "./create";
import { deleteDeviceType } from "./delete";
import { getDeviceType } from "./get";
import { listDeviceTypes } from "./list";
import { updateDeviceType } from "./update";

let database: Database;
let acme: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
const base = { name: "Edge 500", manufacturer: "Acme", model: "EG-500", type: "gateway" };


beforeAll(async () => {
  database = await testDatabase();
  acme = await makeTeam(database.db, "Acme");
  other = await makeTeam(database.db, "Other");
});

describe("device types", () => {
  it("create → get → update, with config and capabilities as JSON objects, audited", async () => {
    const t = await createDeviceType(acme.member, { ...base, capabilities: { lte: true }, config: { heartbeat_period: 30, log_config: { level: "info" }, extra: 1 } });
    expect(t).toMatchObject({ ...base, company_id: acme.account.id, user_id: acme.users.member.id, long_description: "", capabilities: { lte: true } });
    expect(t.config).toEqual({ heartbeat_period: 30, log_config: { level: "info" }, extra: 1 });
    expect(Object.keys(t).sort()).toEqual(
      ["_id", "company_id", "user_id", "name", "manufacturer", "model", "type", "long_description", "capabilities", "config", "created_at", "updated_at"].sort(),
    );
    const u = await updateDeviceType(acme.member, t._id, { name: "Edge 510", config: { heartbeat_period: 60 } });
    expect(u).toMatchObject({ name: "Edge 510", model: "EG-500", config: { heartbeat_period: 60 } });
    expect(await getDeviceType(acme.viewer, t._id)).toEqual(u);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, t._id));
    expect(audit.map((a) => a.action).sort()).toEqual(["device_type.create", "device_type.update"]);
  });

  it("bad input lists every problem", async () => {
    const err = await rejects(
      createDeviceType(acme.member, { name: "", model: 5, type: "toaster", capabilities: [1], config: { heartbeat_period: 0, log_config: "x" } }),
      "invalid",
    );
    const text = err.messages.join("\n");
    for (const f of ["name", "manufacturer", "model", "type", "capabilities", "config.heartbeat_period", "config.log_config"]) expect(text).toContain(`${f}:`);
    await rejects(createDeviceType(acme.member, { ...base, config: { heartbeat_period: 86_401 } }), "invalid");
    await rejects(createDeviceType(acme.member, { ...base, config: "{}" }), "invalid");
  });

  it("roles and tenants: viewer 403, another account 404 and absent from lists", async () => {
    const t = await createDeviceType(acme.member, base);
    await rejects(createDeviceType(acme.viewer, base), "forbidden");
    await rejects(updateDeviceType(acme.viewer, t._id, { name: "x" }), "forbidden");
    await rejects(deleteDeviceType(acme.viewer, t._id), "forbidden");
    await rejects(getDeviceType(other.admin, t._id), "not_found");
    await rejects(updateDeviceType(other.admin, t._id, { name: "x" }), "not_found");
    await rejects(deleteDeviceType(other.admin, t._id), "not_found");
    const theirs = (await listDeviceTypes(other.admin, new URLSearchParams())) as { _id: string }[];
    expect(theirs.some((x) => x._id === t._id)).toBe(false);
  });

  it("list conventions", async () => {
    await createDeviceType(acme.member, { ...base, name: "Sensor S", type: "sensor" });
    const p = (q: string) => new URLSearchParams(q);
    const sensors = (await listDeviceTypes(acme.viewer, p("type=sensor"))) as { name: string }[];
    expect(sensors.map((s) => s.name)).toEqual(["Sensor S"]);
    const meta = (await listDeviceTypes(acme.viewer, p("page_meta=true&per_page=1&order_by=name"))) as { resources: { name: string }[]; total: number };
    expect(meta.total).toBeGreaterThanOrEqual(3);
    expect(meta.resources).toHaveLength(1);
    expect(meta.resources[0].name).toBe("Edge 500");
    await rejects(listDeviceTypes(acme.viewer, p("config=1")), "invalid");
  });

  it("delete: 409 while a pending request or a device uses it; never exposes copies", async () => {
    const t = await createDeviceType(acme.member, base);
    const [req] = await database.db
      .insert(transferRequests)
      .values({ fromAccountId: acme.account.id, toAccountId: other.account.id, deviceTypeId: t._id, deviceCount: 1 })
      .returning();
    const err = await rejects(deleteDeviceType(acme.member, t._id), "conflict");
    expect(err.messages.join()).toMatch(/pending transfer request/);
    await database.db.delete(transferRequests).where(eq(transferRequests.id, req.id));

    const [dev] = await database.db
      .insert(devices)
      .values({ accountId: acme.account.id, uniqueId: "dt-dev-1", name: "d", deviceTypeId: t._id })
      .returning();
    expect((await rejects(deleteDeviceType(acme.member, t._id), "conflict")).messages.join()).toMatch(/1 device uses/);
    await database.db.delete(devices).where(eq(devices.id, dev.id));

    // Only decided requests use it: the type may go, and the request keeps its history without it.
    const [decided] = await database.db
      .insert(transferRequests)
      .values({ fromAccountId: acme.account.id, toAccountId: other.account.id, deviceTypeId: t._id, deviceCount: 1, status: "rejected" })
      .returning();
    const doomed = await createDeviceType(acme.member, base);
    await database.db.update(transferRequests).set({ deviceTypeId: doomed._id }).where(eq(transferRequests.id, decided.id));
    await deleteDeviceType(acme.member, doomed._id);
    const [after] = await database.db.select().from(transferRequests).where(eq(transferRequests.id, decided.id));
    expect(after.deviceTypeId).toBeNull();

    const copy = await createDeviceType(other.member, base);
    await database.db.insert(deviceTypeCopies).values({ originDeviceTypeId: t._id, destinationAccountId: other.account.id, copyDeviceTypeId: copy._id });
    const shown = JSON.stringify([await getDeviceType(other.admin, copy._id), await listDeviceTypes(other.admin, new URLSearchParams())]);
    expect(shown).not.toMatch(/origin|copy_/);

    const free = await createDeviceType(acme.member, base);
    await deleteDeviceType(acme.member, free._id);
    await rejects(getDeviceType(acme.member, free._id), "not_found");
    const [gone] = await database.db.select().from(deviceTypes).where(eq(deviceTypes.id, free._id));
    expect(gone).toBeUndefined();
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, free._id), eq(auditEvents.action, "device_type.delete")));
    expect(audit).toHaveLength(1);
  });
});
