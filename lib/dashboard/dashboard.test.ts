import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { auditActors } from "@/lib/audit/actors";
import { describeEvent, type EventJson, subjectHref } from "@/lib/audit/describe";
import { listEvents } from "@/lib/audit/list";
import { transferPartiesOf } from "@/lib/audit/subjects";
import type { Ctx } from "@/lib/context";
import { seedDemo } from "@/lib/demo/seed";
import { pageDevices } from "@/lib/devices/list";
import { pageEscrowDevices } from "@/lib/escrow-devices/list";
import { testDatabase } from "@/lib/test/db";
import { ctxFor } from "@/lib/test/factories";
import { listInbox } from "@/lib/transfers/inbox";
import { accountProfile } from "./profile";
import { dashboardCounts } from "./summary";

let database: Database;
const as: Record<string, Ctx> = {};
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  for (const email of ["maker@acme.test", "admin@globex.test", "admin@initech.test"]) {
    const [u] = await database.db.select().from(users).where(eq(users.email, email));
    as[email] = await ctxFor(database.db, u.id);
  }
});

const primary = (ctx: Ctx) => (ctx.actor.kind === "user" ? ctx.actor.primaryAccountId : "");
const text = (segments: ReturnType<typeof describeEvent>) => segments.map((s) => (typeof s === "string" ? s : s.text)).join("");

describe("the overview", () => {
  it("counts what the lists it links to show, for the maker and the customer", async () => {
    for (const email of ["maker@acme.test", "admin@globex.test"]) {
      const ctx = as[email];
      const account = primary(ctx);
      const c = await dashboardCounts(ctx, account);
      for (const [status, n] of Object.entries(c.escrow)) {
        const list = await pageEscrowDevices(ctx, new URLSearchParams({ company_id: account, status }));
        expect([email, status, list.total]).toEqual([email, status, n]);
      }
      for (const [status, n] of Object.entries(c.devices)) {
        const list = await pageDevices(ctx, new URLSearchParams({ company_id: account, heartbeat_status: status }));
        expect([email, status, list.total]).toEqual([email, status, n]);
      }
      for (const direction of ["incoming", "outgoing"] as const) {
        for (const [status, n] of Object.entries(c[direction])) {
          const inbox = await listInbox(ctx, { accountId: account, direction, status: status as "pending" });
          expect([email, direction, status, inbox.total]).toEqual([email, direction, status, n]);
        }
      }
    }
    const acme = await dashboardCounts(as["maker@acme.test"], primary(as["maker@acme.test"]));
    expect(acme.escrow).toEqual({ escrowed: 18, transfer_pending: 3, transferred: 4 });
    expect(acme.outgoing.pending).toBe(1);
    const globex = await dashboardCounts(as["admin@globex.test"], primary(as["admin@globex.test"]));
    expect(globex.incoming).toMatchObject({ pending: 1, accepted: 1 });
    expect(globex.devices.never_reported).toBe(1);
    expect(globex.devices.online + globex.devices.offline).toBe(3);
  });

  it("tells a manufacturer from a customer, and shows another account nothing", async () => {
    expect(await accountProfile(as["maker@acme.test"], primary(as["maker@acme.test"]))).toEqual({ hasEscrow: true, hasDevices: false });
    expect(await accountProfile(as["admin@globex.test"], primary(as["admin@globex.test"]))).toEqual({ hasEscrow: false, hasDevices: true });
    const acme = primary(as["maker@acme.test"]);
    await expect(dashboardCounts(as["admin@initech.test"], acme)).rejects.toMatchObject({ code: "not_found" });
    await expect(accountProfile(as["admin@initech.test"], acme)).rejects.toMatchObject({ code: "not_found" });
    await expect(auditActors(as["admin@initech.test"], acme)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("activity as sentences", () => {
  it("names the counterparty and links the subject, from each side's point of view", async () => {
    const globex = as["admin@globex.test"];
    const events = (await listEvents(globex, new URLSearchParams({ company_id: primary(globex), page_meta: "true" }))) as { resources: EventJson[] };
    const ids = events.resources.filter((e) => e.subject_type === "transfer_request").map((e) => e.subject_id as string);
    const parties = await transferPartiesOf(globex, ids);
    const accept = events.resources.find((e) => e.action === "transfer.accept") as EventJson;
    const segments = describeEvent(accept, parties);
    expect(text(segments)).toBe(`admin@globex.test accepted transfer ${accept.subject_id?.slice(0, 4)}… from Acme Gateways: 4 devices, type copied`);
    expect(segments).toContainEqual({ text: `transfer ${accept.subject_id?.slice(0, 4)}…`, href: `/transfers/${accept.subject_id}`, code: true });
    const sent = events.resources.find((e) => e.action === "transfer.create") as EventJson;
    expect(text(describeEvent(sent, parties))).toMatch(/^maker@acme\.test sent transfer [0-9a-f]{4}… from Acme Gateways: [34] devices$/);

    const maker = as["maker@acme.test"];
    const acmeEvents = (await listEvents(maker, new URLSearchParams({ company_id: primary(maker) }))) as EventJson[];
    const acmeParties = await transferPartiesOf(maker, acmeEvents.map((e) => e.subject_id ?? "").filter(Boolean));
    const requested = acmeEvents.find((e) => e.action === "transfer.create") as EventJson;
    expect(text(describeEvent(requested, acmeParties))).toMatch(/^maker@acme\.test requested transfer [0-9a-f]{4}… to Globex Utilities: [34] devices$/);
    const imported = acmeEvents.find((e) => e.action === "escrow_device.import") as EventJson;
    expect(text(describeEvent(imported, acmeParties))).toBe("maker@acme.test imported 25 escrow devices from a CSV file");
    const type = acmeEvents.find((e) => e.action === "device_type.create") as EventJson;
    expect(describeEvent(type, acmeParties)).toContainEqual({ text: expect.stringMatching(/^Acme/), href: `/device-types/${type.subject_id}`, code: false });
    // Initech is party to none of these transfers: their names stay hidden from it.
    expect((await transferPartiesOf(as["admin@initech.test"], ids)).size).toBe(0);
    expect(await auditActors(maker, primary(maker))).toEqual(["admin@globex.test", "maker@acme.test"]);
  });

  it("links only subjects that still have a page", () => {
    const base = { subject_id: "abc", subject_type: "escrow_device" };
    expect(subjectHref({ ...base, action: "escrow_device.create" })).toBe("/escrow-devices/abc");
    expect(subjectHref({ ...base, action: "escrow_device.delete" })).toBeNull();
    expect(subjectHref({ action: "escrow_device.import", subject_type: "escrow_device", subject_id: null })).toBeNull();
    expect(subjectHref({ action: "api_token.create", subject_type: "api_token", subject_id: "t" })).toBe("/settings/api-tokens");
    const e: EventJson = {
      _id: "1", company_id: "c", actor_type: "user", actor_id: "u", actor: "a@b.test", action: "escrow_device.bulk_delete",
      subject_type: "escrow_device", subject_id: null, detail: { deleted: 1 }, created_at: "2026-01-01T00:00:00Z",
    };
    expect(text(describeEvent(e, new Map()))).toBe("a@b.test deleted 1 escrow device");
  });
});
