import { eq, inArray, sql } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/client";
import { invitations, memberships, users } from "@/db/schema";
import { listEscrowDevices } from "@/lib/escrow-devices/list";
import { OPERATIONS } from "@/lib/openapi/operations";
import { testDatabase } from "@/lib/test/db";
import { ctxFor, makeAccount, makeUser, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { makeDeviceType, makeEscrowDevices } from "@/lib/transfers/test-factories";
import { csvCell, csvLine } from "./csv";
import { CSV_CHUNK } from "./csv-export";

let database: Database;
let api: TestApi;

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
});

async function login(email: string): Promise<string> {
  return (await api.call("POST", "/api/v1/platform/user/authenticate", { body: { email, password: TEST_PASSWORD } })).body.session_token;
}

async function csv(path: string, token: string) {
  const r = await fetch(api.url + path, { headers: { authorization: token } });
  const text = await r.text();
  return { status: r.status, type: r.headers.get("content-type"), disposition: r.headers.get("content-disposition"), text, rows: Papa.parse<string[]>(text.trimEnd()).data };
}

/**
 * The export of `path` (with its filters and order_by) against the JSON list with the same query and
 * a page large enough for all of it: the same rows in the same order, every scalar field alike.
 */
async function exportMatchesList(path: string, token: string) {
  const sep = path.includes("?") ? "&" : "?";
  const exported = await csv(`${path}${sep}format=csv&per_page=1&page=2`, token);
  const json = await api.call("GET", `${path}${sep}per_page=1000`, { token });
  expect(exported.status).toBe(200);
  expect(exported.type).toBe("text/csv; charset=utf-8");
  expect(json.status).toBe(200);
  const [header, ...rows] = exported.rows;
  expect(header.join(",")).not.toMatch(/password|hash|token|digest|secret/i);
  expect(rows.map((r) => r[0])).toEqual(json.body.map((j: { _id: string }) => j._id));
  rows.forEach((row, i) => {
    header.forEach((column, c) => {
      const value = json.body[i][column];
      if (value !== undefined && (value === null || typeof value !== "object")) expect(row[c], `${column} of row ${i}`).toBe(value == null ? "" : String(value));
    });
  });
  return { header, rows, text: exported.text };
}

describe("csv cells", () => {
  it("quotes commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1+2")).toBe("'+1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("=a,b")).toBe(`"'=a,b"`);
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell({ a: [1, 2] })).toBe('"{""a"":[1,2]}"');
    expect(csvCell(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678Z");
    expect(csvLine(["a", 1, null, true])).toBe("a,1,,true\r\n");
  });
});

describe("format=csv on list endpoints", () => {
  it("has a header and exactly the filtered rows, in order, for every list; viewers may export; other accounts' rows never appear", async () => {
    const db = database.db;
    const account = await makeAccount(db, { name: "Export Co" });
    const stranger = await makeAccount(db, { name: "Stranger Co" });
    const viewer = await login((await makeUser(db, { accountId: account.id, role: "viewer" })).email);
    const strangerAdmin = await login((await makeUser(db, { accountId: stranger.id, role: "admin" })).email);
    const type = await makeDeviceType(db, account.id, { name: "=cmd|' /C calc'!A0" });
    await makeEscrowDevices(db, account.id, 7, { prefix: "exp-a", deviceTypeId: type.id });
    await makeEscrowDevices(db, account.id, 3, { prefix: "exp-b", status: "transferred" });
    await makeEscrowDevices(db, stranger.id, 4, { prefix: "exp-s" });

    const all = await csv("/api/v1/platform/escrow_devices?format=csv", viewer);
    expect(all.status).toBe(200);
    expect(all.type).toBe("text/csv; charset=utf-8");
    expect(all.disposition).toBe('attachment; filename="escrow-devices.csv"');
    expect(all.rows[0]).toEqual(["_id", "unique_id", "status", "device_type_id", "token_hint", "last_checkin_at", "transfer_initiated_at", "transfer_completed_at", "device_id", "company_id", "user_id", "created_at", "updated_at"]);
    expect(all.rows).toHaveLength(11);
    const json = await api.call("GET", "/api/v1/platform/escrow_devices?per_page=100", { token: viewer });
    expect(all.rows.slice(1).map((r) => r[0])).toEqual(json.body.map((e: { _id: string }) => e._id));

    const filtered = await csv("/api/v1/platform/escrow_devices?format=csv&status=escrowed&unique_id_like=exp-a-0000&order_by=unique_id&per_page=2&page=3", viewer);
    expect(filtered.rows.slice(1).map((r) => r[1])).toEqual(["exp-a-00001", "exp-a-00002", "exp-a-00003", "exp-a-00004", "exp-a-00005", "exp-a-00006", "exp-a-00007"]);
    expect((await csv("/api/v1/platform/escrow_devices?format=csv", strangerAdmin)).rows.slice(1).map((r) => r[1]).sort()).toEqual(["exp-s-00001", "exp-s-00002", "exp-s-00003", "exp-s-00004"]);
    expect((await csv(`/api/v1/platform/escrow_devices?format=csv&company_id=${account.id}`, strangerAdmin)).rows).toHaveLength(1);
    expect((await api.call("GET", "/api/v1/platform/escrow_devices?format=xml", { token: viewer })).status).toBe(400);
    expect((await api.call("GET", "/api/v1/platform/escrow_devices?format=csv&nope=1", { token: viewer })).status).toBe(400);

    const types = await csv("/api/v1/platform/device_types?format=csv", viewer);
    expect(types.rows[0].slice(0, 3)).toEqual(["_id", "name", "manufacturer"]);
    expect(types.rows[1][1]).toBe("'=cmd|' /C calc'!A0");
    expect(types.rows).toHaveLength(2);

    const events = await csv("/api/v1/platform/events?format=csv&action=nothing.matches", viewer);
    expect(events.rows).toEqual([["_id", "created_at", "company_id", "actor_type", "actor_id", "actor", "action", "subject_type", "subject_id", "detail"]]);
    const transfers = await csv("/api/v1/platform/device_transfer_requests?format=csv", viewer);
    expect(transfers.rows[0]).toContain("config_delivered");
    expect(transfers.rows).toHaveLength(1);
    const devices = await csv("/api/v1/platform/devices?format=csv", viewer);
    expect(devices.rows[0]).toContain("transfer_request_id");
    expect(devices.rows).toHaveLength(1);

    // Users: one row per user with the memberships the actor sees; a member of both accounts shows
    // only this account, and never a password hash.
    const sub = await makeAccount(db, { name: "Export Sub", parentId: account.id });
    const admin = await makeUser(db, { accountId: account.id, role: "admin" });
    const adminToken = await login(admin.email);
    const subMember = await makeUser(db, { accountId: sub.id, role: "member" });
    const both = await makeUser(db, { accountId: stranger.id, role: "admin" });
    await db.insert(memberships).values({ userId: both.id, accountId: account.id, role: "member" });
    const strangerOnly = await makeUser(db, { accountId: stranger.id, role: "viewer" });
    const people = await exportMatchesList("/api/v1/platform/users", viewer);
    expect(people.header).toEqual(["_id", "email", "first_name", "last_name", "company_id", "roles", "created_at", "updated_at"]);
    expect(people.rows).toHaveLength(4);
    expect(people.rows.find((r) => r[0] === both.id)?.slice(4, 6)).toEqual([account.id, `${account.id}:member`]);
    expect(people.text).not.toContain(stranger.id);
    expect(people.text).not.toContain(strangerOnly.id);
    const [{ hash }] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, admin.id));
    expect(people.text).not.toContain(hash);
    expect((await exportMatchesList("/api/v1/platform/users?role_in=admin,member&order_by=-email", viewer)).rows.map((r) => r[0]).sort()).toEqual([admin.id, both.id, subMember.id].sort());
    expect((await exportMatchesList(`/api/v1/platform/users?company_id=${sub.id}&order_by=created_at`, viewer)).rows.map((r) => r[0])).toEqual([subMember.id]);
    expect((await exportMatchesList("/api/v1/platform/users", strangerAdmin)).text).not.toContain(account.id);

    // Companies: the account and its sub-account, never the stranger.
    const companies = await exportMatchesList("/api/v1/platform/companies", viewer);
    expect(companies.header).toEqual(["_id", "name", "company_id", "user_id", "created_at", "updated_at"]);
    expect(companies.rows.map((r) => r[1])).toEqual(["Export Co", "Export Sub"]);
    expect(companies.text).not.toContain(stranger.id);
    expect((await exportMatchesList("/api/v1/platform/companies?name_like=export&order_by=-name", viewer)).rows.map((r) => r[1])).toEqual(["Export Sub", "Export Co"]);
    expect((await exportMatchesList(`/api/v1/platform/companies?company_id=${account.id}`, viewer)).rows.map((r) => r[0])).toEqual([sub.id]);

    // Invitations: an admin's export has the account's invitations, never a token or its digest.
    const sent: { _id: string; invite_url: string }[] = [];
    for (const [token, body] of [
      [adminToken, { email: "one@invited.test", company_id: account.id, role: "viewer" }],
      [adminToken, { email: "two@invited.test", company_id: sub.id, role: "member" }],
      [strangerAdmin, { email: "three@invited.test", company_id: stranger.id, role: "admin" }],
    ] as const) {
      const r = await api.call("POST", "/api/v1/platform/invitations", { token, body });
      expect(r.status).toBe(201);
      sent.push(r.body);
    }
    const invites = await exportMatchesList("/api/v1/platform/invitations", adminToken);
    expect(invites.header).toEqual(["_id", "email", "company_id", "company_name", "role", "status", "user_id", "expires_at", "decided_at", "created_at", "updated_at"]);
    expect(invites.rows.map((r) => r[1])).toEqual(["two@invited.test", "one@invited.test"]);
    expect(invites.rows[0][3]).toBe("Export Sub");
    expect(invites.text).not.toContain(sent[2]._id);
    const digests = await db.select({ d: invitations.tokenDigest }).from(invitations).where(inArray(invitations.id, sent.map((i) => i._id)));
    for (const s of sent) expect(invites.text).not.toContain(s.invite_url.split("/").pop());
    for (const { d } of digests) expect(invites.text).not.toContain(d);
    expect((await exportMatchesList("/api/v1/platform/invitations?status=pending&role=viewer&order_by=email", adminToken)).rows.map((r) => r[1])).toEqual(["one@invited.test"]);
    expect((await exportMatchesList("/api/v1/platform/invitations", viewer)).rows).toEqual([]);

    // Transfer rules: the account's rules (as the destination), not the stranger's.
    const ours = await api.call("POST", "/api/v1/platform/transfer_rules", { token: adminToken, body: { from_company_id: stranger.id } });
    const oursSub = await api.call("POST", "/api/v1/platform/transfer_rules", { token: adminToken, body: { from_company_id: stranger.id, company_id: sub.id } });
    const theirs = await api.call("POST", "/api/v1/platform/transfer_rules", { token: strangerAdmin, body: { from_company_id: account.id } });
    expect([ours.status, oursSub.status, theirs.status]).toEqual([201, 201, 201]);
    const rules = await exportMatchesList("/api/v1/platform/transfer_rules", viewer);
    expect(rules.header).toEqual(["_id", "company_id", "from_company_id", "device_type_id", "user_id", "created_at", "updated_at"]);
    expect(rules.rows.map((r) => r[0])).toEqual([oursSub.body._id, ours.body._id]);
    expect(rules.text).not.toContain(theirs.body._id);
    expect((await exportMatchesList(`/api/v1/platform/transfer_rules?company_id=${sub.id}&order_by=created_at`, viewer)).rows.map((r) => r[0])).toEqual([oursSub.body._id]);

    // User types: the fixed list, filtered and ordered like its JSON.
    const userTypes = await exportMatchesList("/api/v1/platform/user_types?order_by=-name", viewer);
    expect(userTypes.header).toEqual(["_id", "name", "role", "description"]);
    expect(userTypes.rows.map((r) => r[1])).toEqual(["viewers", "system_admins", "members"]);
    expect((await exportMatchesList("/api/v1/platform/user_types?role=admin", viewer)).rows.map((r) => r[0])).toEqual(["admin"]);
    expect((await api.call("GET", "/api/v1/platform/user_types?format=xml", { token: viewer })).status).toBe(400);
  });

  it("every list the OpenAPI document describes answers format=csv with CSV", async () => {
    const account = await makeAccount(database.db, { name: "Every list" });
    const token = await login((await makeUser(database.db, { accountId: account.id, role: "viewer" })).email);
    // Lists under a resource (a webhook's deliveries) need one that exists; their own tests export them.
    const lists = OPERATIONS.filter((o) => o.list && o.method === "get" && !o.path.includes("{"));
    expect(lists.length).toBeGreaterThan(10);
    const notCsv: string[] = [];
    for (const op of lists) {
      const r = await csv(`${op.path}?format=csv`, token);
      if (r.status !== 200 || r.type !== "text/csv; charset=utf-8" || !r.rows[0]?.includes("_id")) notCsv.push(`${op.path}: ${r.status} ${r.type}`);
    }
    expect(notCsv).toEqual([]);

    // Someone removed from every account: each list of account data is a header and no rows, still
    // CSV (user_types is the same fixed list for everyone).
    const left = await makeUser(database.db, { accountId: account.id, role: "viewer" });
    const leftToken = await login(left.email);
    await database.db.delete(memberships).where(eq(memberships.userId, left.id));
    const notEmptyCsv: string[] = [];
    for (const op of lists.filter((o) => !o.path.endsWith("/user_types"))) {
      const r = await csv(`${op.path}?format=csv`, leftToken);
      if (r.status !== 200 || r.type !== "text/csv; charset=utf-8" || r.rows.length !== 1 || !r.rows[0].includes("_id")) notEmptyCsv.push(`${op.path}: ${r.status} ${r.type} ${r.rows.length} rows`);
    }
    expect(notEmptyCsv).toEqual([]);
  });

  it("keyset chunks keep ties and nulls in order across chunk boundaries", async () => {
    const db = database.db;
    const account = await makeAccount(db, { name: "Keyset Co" });
    const user = await makeUser(db, { accountId: account.id, role: "viewer" });
    const token = await login(user.email);
    const n = CSV_CHUNK * 2 + 37;
    await makeEscrowDevices(db, account.id, n, { prefix: "ks" });
    // Half have a check-in (many share the same instant), half have none (nulls sort last).
    await db.execute(sql`update escrow_devices set last_checkin_at = '2026-01-01T00:00:00.123456Z'::timestamptz + ((substr(unique_id, 4)::int % 5) * interval '1 microsecond')
                         where account_id = ${account.id} and substr(unique_id, 4)::int % 2 = 0`);
    for (const order of ["-last_checkin_at", "last_checkin_at", "status", "-unique_id"]) {
      const exported = await csv(`/api/v1/platform/escrow_devices?format=csv&order_by=${order}`, token);
      const ids = exported.rows.slice(1).map((r) => r[0]);
      const paged: string[] = [];
      for (let page = 1; page <= 3; page++) paged.push(...(await api.call("GET", `/api/v1/platform/escrow_devices?order_by=${order}&per_page=1000&page=${page}`, { token })).body.map((e: { _id: string }) => e._id));
      expect(ids).toHaveLength(n);
      expect(new Set(ids).size).toBe(n);
      expect(ids).toEqual(paged);
    }
  }, 60_000);

  it("the users export groups each user's memberships into one row across chunk boundaries", async () => {
    const db = database.db;
    const account = await makeAccount(db, { name: "Many people" });
    const sub = await makeAccount(db, { name: "Many people sub", parentId: account.id });
    const token = await login((await makeUser(db, { accountId: account.id, role: "viewer" })).email);
    const n = CSV_CHUNK + 150;
    // One statement: every user shares created_at, so the id tie-breaker decides across chunks.
    await db.execute(sql`insert into users (id, email, password_hash, first_name, primary_account_id)
                         select md5('many' || g), 'many-' || lpad(g::text, 5, '0') || '@people.test', 'x', case when g % 3 = 0 then 'Same' else 'P' || g end, ${account.id}
                         from generate_series(1, ${n}) g`);
    await db.execute(sql`insert into memberships (user_id, account_id, role)
                         select md5('many' || g), ${account.id}, 'member' from generate_series(1, ${n}) g
                         union all select md5('many' || g), ${sub.id}, 'viewer' from generate_series(1, ${n}) g where g % 2 = 0`);
    for (const order of ["-created_at", "first_name", "-email"]) {
      const exported = await csv(`/api/v1/platform/users?format=csv&order_by=${order}`, token);
      const rows = exported.rows.slice(1);
      const paged: { _id: string; memberships: { company_id: string; role: string }[] }[] = [];
      for (let page = 1; page <= 2; page++) paged.push(...(await api.call("GET", `/api/v1/platform/users?order_by=${order}&per_page=1000&page=${page}`, { token })).body);
      expect(rows).toHaveLength(n + 1);
      expect(rows.map((r) => r[0])).toEqual(paged.map((u) => u._id));
      expect(rows.map((r) => r[5])).toEqual(paged.map((u) => u.memberships.map((m) => `${m.company_id}:${m.role}`).join("; ")));
    }
  }, 60_000);

  it("streams 100,000 rows reading one chunk at a time as the client consumes them", async () => {
    const db = database.db;
    const account = await makeAccount(db, { name: "Big export" });
    const user = await makeUser(db, { accountId: account.id, role: "viewer" });
    await db.execute(sql`insert into escrow_devices (id, account_id, unique_id, token_digest, token_hint)
                         select md5('big' || g)::text, ${account.id}, 'big-' || lpad(g::text, 6, '0'), md5(g::text), 'abcd' from generate_series(1, 100001) g`);
    let reads = 0;
    const counted = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "select") reads++;
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const ctx = await ctxFor(db, user.id);
    const res = (await listEscrowDevices({ db: counted, actor: ctx.actor }, new URLSearchParams("format=csv&order_by=unique_id"))) as Response;
    expect(res).toBeInstanceOf(Response);
    expect(reads).toBe(0);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    let lines = 0;
    let last = "";
    let maxAhead = 0;
    const heap0 = process.memoryUsage().heapUsed;
    let heapPeak = heap0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = dec.decode(value);
      lines += text.split("\r\n").length - 1;
      last = text;
      // The stream reads at most one chunk ahead of what the client has taken.
      maxAhead = Math.max(maxAhead, reads - Math.ceil(lines / CSV_CHUNK));
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    expect(lines).toBe(100_001);
    expect(last.trimEnd().split("\r\n").pop()).toMatch(/^[0-9a-f]{32},big-100000,escrowed,/);
    expect(reads).toBe(100_000 / CSV_CHUNK);
    expect(maxAhead).toBeLessThanOrEqual(1);
    // 100,000 rows as objects would be well over 100 MB of heap; one chunk at a time stays small.
    expect(heapPeak - heap0).toBeLessThan(60 * 1024 * 1024);
  }, 300_000);
});
