import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, deviceTypes, escrowDevices, transferRequestItems, transferRequests } from "@/db/schema";
import { digest } from "@/lib/auth/secrets";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { rejects } from "@/lib/test/rejects";
import { bulkCreateEscrowDevices } from "./bulk";
import { createEscrowDevice } from "./create";
import { bulkDeleteEscrowDevices, deleteEscrowDevice } from "./delete";
import { getEscrowDevice } from "./get";
import { importEscrowCsv, lineRanges, parseEscrowCsv, validateEscrowCsv } from "./import";
import { listEscrowDevices } from "./list";
import { getEscrowTimeline } from "./timeline";
import { updateEscrowDevice } from "./update";

let database: Database;
let acme: Awaited<ReturnType<typeof makeTeam>>;
let other: Awaited<ReturnType<typeof makeTeam>>;
const TOKEN = "factory-token-0001-abcdef";


async function rowCount(accountId: string) {
  const [r] = await database.db.select({ n: count() }).from(escrowDevices).where(eq(escrowDevices.accountId, accountId));
  return r.n;
}

async function events(accountId: string, action: string) {
  return database.db.select().from(auditEvents).where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, action)));
}

/** Puts an escrow device into a pending request directly (independent of the transfers code). */
async function makePending(escrowId: string, uniqueId: string) {
  const [dt] = await database.db
    .insert(deviceTypes)
    .values({ accountId: acme.account.id, name: "T", manufacturer: "M", model: "X", type: "gateway" })
    .returning();
  const [req] = await database.db
    .insert(transferRequests)
    .values({ fromAccountId: acme.account.id, toAccountId: other.account.id, deviceTypeId: dt.id, deviceCount: 1 })
    .returning();
  await database.db.insert(transferRequestItems).values({ requestId: req.id, escrowDeviceId: escrowId, uniqueId });
  await database.db
    .update(escrowDevices)
    .set({ status: "transfer_pending", transferInitiatedAt: new Date() })
    .where(eq(escrowDevices.id, escrowId));
}

beforeAll(async () => {
  database = await testDatabase();
  acme = await makeTeam(database.db, "Acme");
  other = await makeTeam(database.db, "Other");
});

describe("create", () => {
  it("stores only a digest and a hint; a given token is never returned", async () => {
    const e = await createEscrowDevice(acme.member, { unique_id: "gw-create-1", token: TOKEN });
    expect(e).not.toHaveProperty("token");
    expect(e.token_hint).toBe("cdef");
    expect(e.status).toBe("escrowed");
    expect(Object.keys(e).sort()).toEqual(
      [
        "_id", "company_id", "user_id", "unique_id", "token_hint", "device_type_id", "status", "transfer_initiated_at",
        "transfer_completed_at", "last_checkin_at", "device_id", "created_at", "updated_at",
      ].sort(),
    );
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, e._id));
    expect(row.tokenDigest).toBe(digest(TOKEN));
    expect(JSON.stringify(await getEscrowDevice(acme.viewer, e._id))).not.toContain(TOKEN);
    expect((await events(acme.account.id, "escrow_device.create")).some((a) => a.subjectId === e._id)).toBe(true);
  });

  it("generates a token when omitted and returns it exactly once", async () => {
    const e = (await createEscrowDevice(acme.member, { unique_id: "gw-create-2" })) as { _id: string; token?: string; token_hint: string };
    expect(e.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(e.token_hint).toBe(e.token!.slice(-4));
    const again = await getEscrowDevice(acme.member, e._id);
    expect(again).not.toHaveProperty("token");
  });

  it("bad input lists every problem and explains the unique_id rule", async () => {
    const err = await rejects(createEscrowDevice(acme.member, { unique_id: "Bad ID!", token: "short" }), "invalid");
    expect(err.messages.join("\n")).toMatch(/unique_id.*lower-case letters/);
    expect(err.messages.join("\n")).toMatch(/token is too short/);
    expect(err.messages.join("\n")).not.toContain("short\"");
    await rejects(createEscrowDevice(acme.member, { unique_id: "x".repeat(129) }), "invalid");
    await rejects(createEscrowDevice(acme.member, { unique_id: "ok-id", token: "has space in it 1234" }), "invalid");
    await rejects(createEscrowDevice(acme.member, { unique_id: 42 }), "invalid");
  });

  it("unique_id is unique across accounts: 409 naming it", async () => {
    await createEscrowDevice(acme.member, { unique_id: "gw-shared-1" });
    const err = await rejects(createEscrowDevice(other.member, { unique_id: "gw-shared-1" }), "conflict");
    expect(err.messages[0]).toContain("gw-shared-1");
    // A form shows it on the Unique ID field, not in a general box.
    expect(err.fieldErrors).toEqual({ unique_id: ['unique_id "gw-shared-1" is already registered'] });
  });

  it("a device type must be one of the same account", async () => {
    const [foreign] = await database.db
      .insert(deviceTypes)
      .values({ accountId: other.account.id, name: "Theirs", manufacturer: "M", model: "X", type: "gateway" })
      .returning();
    await rejects(createEscrowDevice(acme.member, { unique_id: "gw-dt-1", device_type_id: foreign.id }), "invalid");
  });

  it("viewers cannot write; another account is 404", async () => {
    await rejects(createEscrowDevice(acme.viewer, { unique_id: "gw-viewer-1" }), "forbidden");
    await rejects(createEscrowDevice(other.admin, { unique_id: "gw-x-1", company_id: acme.account.id }), "not_found");
  });
});

describe("bulk create", () => {
  it("all or nothing: every bad row reported by index, nothing created", async () => {
    const before = await rowCount(acme.account.id);
    await createEscrowDevice(other.member, { unique_id: "gw-bulk-taken" });
    const err = await rejects(
      bulkCreateEscrowDevices(acme.member, {
        escrow_devices: [
          { unique_id: "gw-bulk-ok-1", token: TOKEN },
          { unique_id: "BAD" },
          { unique_id: "gw-bulk-ok-2", token: "weak" },
          { unique_id: "gw-bulk-ok-1" },
          { unique_id: "gw-bulk-taken" },
          "not an object",
          { unique_id: "gw-bulk-ok-3" },
        ],
      }),
      "invalid",
    );
    const errors = err.extra.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(["1", "2", "3", "4", "5"]);
    expect(errors["1"]).toMatch(/upper-case/);
    expect(errors["2"]).toMatch(/too short/);
    expect(errors["3"]).toMatch(/more than once.*index 0/);
    expect(errors["4"]).toMatch(/gw-bulk-taken.*already registered/);
    expect(await rowCount(acme.account.id)).toBe(before);
  });

  it("creates every row in one call, with generated tokens included, and one audit event", async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => (i % 2 ? { unique_id: `gw-bulk-${i}`, token: `${TOKEN}-${i}` } : { unique_id: `gw-bulk-${i}` }));
    const before = await rowCount(acme.account.id);
    const out = await bulkCreateEscrowDevices(acme.member, { escrow_devices: rows, lwm2m: { ignored: true } });
    expect(out.created).toBe(2500);
    expect(await rowCount(acme.account.id)).toBe(before + 2500);
    const withToken = out.resources.filter((r) => "token" in r);
    expect(withToken).toHaveLength(1250);
    expect(out.resources.find((r) => r.unique_id === "gw-bulk-1")).not.toHaveProperty("token");
    const audit = await events(acme.account.id, "escrow_device.bulk_create");
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ created: 2500, generated_tokens: 1250 });
  });

  it("more than 10,000 rows is a 400", async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ unique_id: `gw-over-${i}` }));
    const err = await rejects(bulkCreateEscrowDevices(acme.member, { escrow_devices: rows }), "invalid");
    expect(err.messages.join()).toMatch(/10000 rows at most/);
    await rejects(bulkCreateEscrowDevices(acme.member, { escrow_devices: [] }), "invalid");
    await rejects(bulkCreateEscrowDevices(acme.viewer, { escrow_devices: [{ unique_id: "gw-v" }] }), "forbidden");
  });
});

describe("CSV import", () => {
  it("parses with or without a header and without a token column", () => {
    expect(parseEscrowCsv("unique_id,token\r\na-1,tok\n\nb-2,\n").rows).toEqual([
      { line: 2, unique_id: "a-1", token: "tok" },
      { line: 4, unique_id: "b-2", token: undefined },
    ]);
    const noHeader = parseEscrowCsv("a-1,abcdefabcdefabcdef\nb-2\n");
    expect(noHeader.header).toBe(false);
    expect(noHeader.rows.map((r) => r.line)).toEqual([1, 2]);
    expect(parseEscrowCsv("token,unique_id\nsecret-secret-123,z-9\n").rows[0]).toEqual({ line: 2, unique_id: "z-9", token: "secret-secret-123" });
    expect(lineRanges([2, 3, 4, 6, 8, 9])).toBe("2–4, 6, 8–9");
  });

  const csv = [
    "unique_id,token",
    "csv-1,csv-token-000000000001",
    "CSV-2,csv-token-000000000002",
    "csv-3,short",
    "csv-1,csv-token-000000000004",
    "gw-shared-1,",
    "csv-6,",
    "csv-7,csv-token-000000000007",
  ].join("\n");

  it("validation reports each bad row with its line number and writes nothing", async () => {
    const before = await rowCount(acme.account.id);
    const report = await validateEscrowCsv(acme.member, { accountId: acme.account.id, csv });
    expect(report).toMatchObject({ total: 7, valid: 3, invalid: 4, header: true, generate_tokens: 1 });
    expect(report.problems.map((p) => [p.row, p.unique_id])).toEqual([
      [3, "CSV-2"],
      [4, "csv-3"],
      [5, "csv-1"],
      [6, "gw-shared-1"],
    ]);
    expect(report.problems[2].problem).toMatch(/more than once.*row 2/);
    expect(report.problems[3].problem).toMatch(/already registered/);
    expect(await rowCount(acme.account.id)).toBe(before);
  });

  it("imports the valid rows, says which, returns generated tokens once, audits", async () => {
    const before = await rowCount(acme.account.id);
    await rejects(importEscrowCsv(acme.member, { accountId: acme.account.id, csv, expectValid: 5 }), "invalid");
    expect(await rowCount(acme.account.id)).toBe(before);
    const out = await importEscrowCsv(acme.member, { accountId: acme.account.id, csv, expectValid: 3, fileName: "batch.csv" });
    expect(out).toMatchObject({ created: 3, skipped: 4, imported_rows: "2, 7–8" });
    expect(out.tokens.map((t) => t.unique_id)).toEqual(["csv-6"]);
    expect(await rowCount(acme.account.id)).toBe(before + 3);
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.uniqueId, "csv-6"));
    expect(row.tokenDigest).toBe(digest(out.tokens[0].token));
    const audit = await events(acme.account.id, "escrow_device.import");
    expect(audit.at(-1)?.detail).toMatchObject({ created: 3, skipped_invalid: 4, file: "batch.csv" });
    await rejects(importEscrowCsv(acme.viewer, { accountId: acme.account.id, csv }), "forbidden");
    await rejects(importEscrowCsv(other.admin, { accountId: acme.account.id, csv }), "not_found");
    await rejects(validateEscrowCsv(acme.member, { accountId: acme.account.id, csv: "\n\n" }), "invalid");
  });
});

describe("SPEC §3 state rules", () => {
  it("a pending escrow device cannot be deleted or have its token rotated (409); escrowed can", async () => {
    const e = await createEscrowDevice(acme.member, { unique_id: "gw-pending-1", token: TOKEN });
    await makePending(e._id, e.unique_id);
    const del = await rejects(deleteEscrowDevice(acme.member, e._id), "conflict");
    expect(del.messages[0]).toContain("gw-pending-1");
    await rejects(updateEscrowDevice(acme.member, e._id, { token: `${TOKEN}-new` }), "conflict");
    await rejects(updateEscrowDevice(acme.member, e._id, { generate_token: true }), "conflict");
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, e._id));
    expect(row.tokenDigest).toBe(digest(TOKEN));
    const bulk = await rejects(bulkDeleteEscrowDevices(acme.member, { ids: [e._id] }), "conflict");
    expect(bulk.messages.join()).toContain("gw-pending-1");
  });

  it("a transferred escrow device cannot be changed (409) but may be deleted", async () => {
    const e = await createEscrowDevice(acme.member, { unique_id: "gw-done-1", token: TOKEN });
    await database.db.update(escrowDevices).set({ status: "transferred", transferCompletedAt: new Date() }).where(eq(escrowDevices.id, e._id));
    await rejects(updateEscrowDevice(acme.member, e._id, { token: `${TOKEN}-new` }), "conflict");
    await rejects(updateEscrowDevice(acme.member, e._id, { device_type_id: null }), "conflict");
    await deleteEscrowDevice(acme.member, e._id);
    await rejects(getEscrowDevice(acme.member, e._id), "not_found");
    expect((await events(acme.account.id, "escrow_device.delete")).some((a) => a.subjectId === e._id)).toBe(true);
  });

  it("rotation while escrowed: new digest, generated token shown once, audited", async () => {
    const e = await createEscrowDevice(acme.member, { unique_id: "gw-rotate-1", token: TOKEN });
    const given = await updateEscrowDevice(acme.member, e._id, { token: "another-token-xyz-9876" });
    expect(given).not.toHaveProperty("token");
    expect(given.token_hint).toBe("9876");
    const gen = (await updateEscrowDevice(acme.member, e._id, { generate_token: true })) as { token?: string };
    const [row] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, e._id));
    expect(row.tokenDigest).toBe(digest(gen.token!));
    expect((await events(acme.account.id, "escrow_device.rotate_token")).filter((a) => a.subjectId === e._id)).toHaveLength(2);
    const [dt] = await database.db
      .insert(deviceTypes)
      .values({ accountId: acme.account.id, name: "Own", manufacturer: "M", model: "X", type: "gateway" })
      .returning();
    expect((await updateEscrowDevice(acme.member, e._id, { device_type_id: dt.id })).device_type_id).toBe(dt.id);
    expect((await events(acme.account.id, "escrow_device.update")).some((a) => a.subjectId === e._id)).toBe(true);
    await rejects(updateEscrowDevice(acme.viewer, e._id, { generate_token: true }), "forbidden");
    await rejects(updateEscrowDevice(other.admin, e._id, { generate_token: true }), "not_found");
    await rejects(updateEscrowDevice(acme.member, e._id, { token: "bad token" }), "invalid");
  });

  it("bulk delete is all or nothing", async () => {
    const a = await createEscrowDevice(acme.member, { unique_id: "gw-bd-1" });
    const b = await createEscrowDevice(acme.member, { unique_id: "gw-bd-2" });
    const theirs = await createEscrowDevice(other.member, { unique_id: "gw-bd-theirs" });
    await rejects(bulkDeleteEscrowDevices(acme.member, { ids: [a._id, theirs._id] }), "not_found");
    await rejects(bulkDeleteEscrowDevices(acme.viewer, { ids: [a._id] }), "forbidden");
    expect(await getEscrowDevice(acme.member, a._id)).toMatchObject({ _id: a._id, status: "escrowed" });
    expect(await bulkDeleteEscrowDevices(acme.member, { ids: [a._id, b._id, b._id] })).toEqual({ deleted: 2 });
    const audit = await events(acme.account.id, "escrow_device.bulk_delete");
    expect(audit.at(-1)?.detail).toMatchObject({ deleted: 2 });
    await rejects(bulkDeleteEscrowDevices(acme.member, { ids: [] }), "invalid");
  });
});

describe("list", () => {
  it("page_meta envelope, filters, order_by, tenant scoping, unknown filter 400", async () => {
    const p = (q: string) => new URLSearchParams(q);
    const meta = (await listEscrowDevices(acme.viewer, p("page_meta=true&per_page=5"))) as { resources: unknown[]; total: number; page: number; per_page: number };
    expect(meta).toMatchObject({ page: 1, per_page: 5 });
    expect(meta.resources).toHaveLength(5);
    expect(meta.total).toBe(await rowCount(acme.account.id));
    const arr = (await listEscrowDevices(acme.viewer, p("unique_id=gw-create-1"))) as { unique_id: string }[];
    expect(arr.map((r) => r.unique_id)).toEqual(["gw-create-1"]);
    const like = (await listEscrowDevices(acme.viewer, p("unique_id_like=CSV-&order_by=unique_id"))) as { unique_id: string }[];
    expect(like.map((r) => r.unique_id)).toEqual(["csv-1", "csv-6", "csv-7"]);
    const desc = (await listEscrowDevices(acme.viewer, p("unique_id_in=csv-1,csv-7&order_by=-unique_id"))) as { unique_id: string }[];
    expect(desc.map((r) => r.unique_id)).toEqual(["csv-7", "csv-1"]);
    const pending = (await listEscrowDevices(acme.viewer, p("status=transfer_pending"))) as { status: string }[];
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.status === "transfer_pending")).toBe(true);
    const future = (await listEscrowDevices(acme.viewer, p("created_at_gt=2100-01-01T00:00:00Z"))) as unknown[];
    expect(future).toEqual([]);
    await database.db.update(escrowDevices).set({ lastCheckinAt: sql`now()` }).where(eq(escrowDevices.uniqueId, "csv-7"));
    const seen = (await listEscrowDevices(acme.viewer, p("last_checkin_at_gte=2000-01-01"))) as { unique_id: string }[];
    expect(seen.map((r) => r.unique_id)).toEqual(["csv-7"]);
    const initiated = (await listEscrowDevices(acme.viewer, p("transfer_initiated_at_lte=2100-01-01"))) as { status: string }[];
    expect(initiated.every((r) => r.status === "transfer_pending")).toBe(true);
    expect((await listEscrowDevices(acme.viewer, p("transfer_completed_at_gte=2000-01-01"))) as unknown[]).toEqual([]);
    const theirs = (await listEscrowDevices(acme.viewer, p("unique_id=gw-shared-1"))) as { company_id: string }[];
    expect(theirs.every((r) => r.company_id === acme.account.id)).toBe(true);
    const scoped = (await listEscrowDevices(other.admin, p(`company_id=${acme.account.id}`))) as unknown[];
    expect(scoped).toEqual([]);
    const bad = await rejects(listEscrowDevices(acme.viewer, p("bogus=1&status=nope&order_by=token")), "invalid");
    expect(bad.messages).toHaveLength(3);
    const dtFilter = (await listEscrowDevices(acme.viewer, p("device_type_id=none"))) as unknown[];
    expect(dtFilter).toEqual([]);
  });

  it("timeline: steps reached in the order they happened, then upcoming; the last check-in beside them", async () => {
    const e = await createEscrowDevice(acme.member, { unique_id: "gw-timeline-1" });
    // A gateway that first checked in after its transfer was requested.
    await database.db
      .update(escrowDevices)
      .set({ transferInitiatedAt: sql`now() + interval '1 second'`, firstCheckinAt: sql`now() + interval '2 seconds'`, lastCheckinAt: sql`now() + interval '3 seconds'` })
      .where(eq(escrowDevices.id, e._id));
    const t = await getEscrowTimeline(acme.viewer, e._id);
    expect(t.lastCheckinAt).toEqual(expect.any(String));
    expect(t.transfer).toBeNull();
    expect(t.steps.map((s) => [s.key, s.done])).toEqual([
      ["created", true],
      ["transfer_requested", true],
      ["first_checkin", true],
      ["accepted", false],
      ["config_delivered", false],
      ["first_heartbeat", false],
    ]);
    expect(t.events.map((ev) => ev.action)).toContain("escrow_device.create");
    await rejects(getEscrowTimeline(other.admin, e._id), "not_found");
  });
});
