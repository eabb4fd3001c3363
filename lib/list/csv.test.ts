import { sql } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/client";
import { listEscrowDevices } from "@/lib/escrow-devices/list";
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
