import { request } from "node:http";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { makeDeviceType, makeEscrowDevice } from "@/lib/gateway/test-factories";
import { isPostgres, testDatabase } from "@/lib/test/db";
import { makeTeam, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { collectRoutes, type RouteEntry } from "@/lib/test/route-server";

/**
 * Property: whatever the method, path, query string, headers and body, no route of the API
 * answers a 5xx, and every 4xx carries the error body {"error": string, "messages": [≥ 1]}.
 * Routes come from the app/api/v1 route files, so new routes are fuzzed without editing this.
 * CI runs a fixed seed; `npm run fuzz` runs many more requests with a random, printed seed
 * (replay: HANDOFF_FUZZ_SEED=<seed> HANDOFF_FUZZ_RUNS=<n> npx vitest run lib/http/fuzz.test.ts).
 */
// PostgreSQL runs fewer: what differs there is only how the engine reports bad values.
const RUNS = Number(process.env.HANDOFF_FUZZ_RUNS ?? (isPostgres() ? 3_000 : 10_000));
const SEED_ENV = process.env.HANDOFF_FUZZ_SEED;
const SEED = SEED_ENV === "random" ? Date.now() % 2 ** 31 : Number(SEED_ENV ?? 20261127);

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;
const PROTO_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupSetter__", "prototype"];
const BAD_ESCAPES = ["%", "%zz", "%ff", "%ED%A0%80", "%C0%80", "%E0%A4%A", "%%", "%2", "%00"];
const FIELDS = [
  "unique_id", "token", "device_type_id", "company_id", "company_ids", "name", "manufacturer", "model", "type", "long_description",
  "capabilities", "config", "escrow_device_ids", "unique_ids", "to_company_id", "from_company_id", "expires_at", "reason", "ids",
  "escrow_devices", "email", "password", "password_confirmation", "first_name", "last_name", "company_name", "token_expiry", "tags",
  "heartbeat_period", "values", "agent_version", "role", "user_type_id", "invitation_token", "current_password", "new_password",
  "url", "events", "description", "active", "status", "_id", "id", "log_config",
];
const QUERY_KEYS = [
  ...FIELDS, "page", "per_page", "page_meta", "order_by", "format", "wait", "mode", "expect", "action", "subject_id", "heartbeat_status",
  "created_at", "updated_at", "last_checkin_at", "transfer_request_id",
];
const OPS = ["eq", "ne", "like", "gt", "gte", "lt", "lte", "in", "nin", "xx"];

interface FuzzRequest {
  method: string;
  path: string;
  auth: "valid" | "bearer" | "session" | string | null;
  contentType: string | null;
  body: string | undefined;
}

// Percent-encodes like a client would; lone surrogates (which encodeURIComponent refuses) go raw.
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[^\w.~-]/g, (c) => (c.charCodeAt(0) < 128 ? `%${c.charCodeAt(0).toString(16).padStart(2, "0")}` : "%ED%A0%80"));
  }
}

function nest(depth: number, leaf: string, array: boolean): string {
  return array ? `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
}

let database: Database;
let api: TestApi;
let tokens: { api: string; session: string; email: string };
const ids: string[] = [];

async function login(): Promise<string> {
  const r = await api.call("POST", "/api/v1/platform/user/authenticate", { body: { email: tokens.email, password: TEST_PASSWORD } });
  expect(r.status).toBe(200);
  return r.body.session_token;
}

beforeAll(async () => {
  database = await testDatabase();
  const team = await makeTeam(database.db, "Fuzz");
  const other = await makeTeam(database.db, "Fuzz other");
  api = await startTestApi(database);
  tokens = { email: team.users.admin.email, api: "", session: "" };
  tokens.session = await login();
  const reset = await api.call("POST", "/api/v1/platform/user/api_token_reset", { body: { email: tokens.email, password: TEST_PASSWORD } });
  expect(reset.status).toBe(200);
  tokens.api = reset.body.api_token;
  const type = await makeDeviceType(database.db, team.account.id);
  const escrows = await Promise.all([1, 2, 3].map(() => makeEscrowDevice(database.db, team.account.id, { deviceTypeId: type.id })));
  const transfer = await api.call("POST", "/api/v1/platform/device_transfer_requests", {
    token: tokens.api,
    body: { to_company_id: other.account.id, escrow_device_ids: [escrows[0].escrow.id], device_type_id: type.id },
  });
  expect(transfer.status).toBe(201);
  ids.push(team.account.id, other.account.id, type.id, ...escrows.map((e) => e.escrow.id), transfer.body._id, team.users.admin.id);
});

function arbitraries(routes: RouteEntry[]) {
  const nasty = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.constantFrom(...PROTO_NAMES),
    fc.constantFrom("", " ", "\u0000", "a\u0000b", "null", "undefined", "-1", "0", "1e309", "NaN", "Infinity", "2026-13-45", "2026-11-27T00:00:00Z", "true", "'; drop table users; --", "\ud800", "\u202e", "𝕳𝖆𝖓𝖉𝖔𝖋𝖋", "a,b,,c", "-created_at"),
    fc.integer().map(String),
    fc.double().map(String),
    // Long, but under the 16 KB that Node allows a request line (a 431 before any code of ours).
    fc.nat({ max: 3_000 }).map((n) => "x".repeat(n)),
  );
  const idSegment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_NAMES) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_ESCAPES) },
    { weight: 2, arbitrary: nasty.map(enc) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
  );
  const pathOf = (route: RouteEntry) =>
    fc
      .tuple(...route.segments.map((s) => (s.includes("...") ? fc.array(idSegment, { minLength: 1, maxLength: 3 }).map((a) => a.join("/")) : s.startsWith("[") ? idSegment : fc.constant(s))))
      .map((parts) => `/${parts.join("/")}`);
  const queryKey = fc.oneof(
    fc.constantFrom(...QUERY_KEYS),
    fc.constantFrom(...PROTO_NAMES),
    fc.tuple(fc.constantFrom(...QUERY_KEYS, ...PROTO_NAMES), fc.constantFrom(...OPS)).map(([k, o]) => `${k}_${o}`),
    nasty,
  );
  const queryValue = fc.oneof(nasty, fc.tuple(fc.constantFrom(...QUERY_KEYS, ...PROTO_NAMES), fc.boolean()).map(([k, d]) => (d ? `-${k}` : k)), fc.constantFrom(...ids));
  const query = fc.oneof(
    { weight: 2, arbitrary: fc.constant("") },
    { weight: 6, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { minLength: 1, maxLength: 4 }).map((kv) => `?${kv.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&")}`) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_ESCAPES).map((b) => `?order_by=${b}&${b}=1`) },
  );
  const auth = fc.oneof(
    { weight: 6, arbitrary: fc.constant("valid") },
    { weight: 2, arbitrary: fc.constantFrom("bearer", "session") },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom("Bearer", "Bearer ", "Device ", "Device x", "Basic Zm9vOmJhcg==", "null", "constructor", "__proto__"), fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 })) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant("application/json") },
    { weight: 2, arbitrary: fc.constantFrom(null, "text/plain", "text/csv", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/octet-stream", "*/*", "") },
  );
  const jsonValue = fc.jsonValue({ maxDepth: 4 });
  const fieldValue = fc.oneof(jsonValue, nasty, fc.constantFrom(...ids), fc.array(fc.oneof(fc.constantFrom(...ids), nasty), { maxLength: 5 }));
  const knownObject = fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.constantFrom(...PROTO_NAMES) }), fieldValue, { maxKeys: 6 }).map((o) => JSON.stringify(o));
  const body = fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: knownObject },
    { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), fc.integer({ min: 28, max: 40 }), fc.boolean()).map(([k, d, a]) => `{"${k}":${nest(d, "1", a)}}`) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.boolean()).map(([d, a]) => nest(d, "{}", a)) },
    { weight: 1, arbitrary: fc.constantFrom("{", "[", "nul", '{"a":"\\ud800"}', '{"a":"\\x"}', '"\\u0000"', '{"unique_id":"\\u0000"}', "\u0000", "{}}", '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}', "[]", "null", "1", '"s"', "\ufeff{}", "{\"a\":1e999}") },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.array(fc.record({ unique_id: nasty, token: nasty }), { maxLength: 20 }).map((rows) => JSON.stringify({ escrow_devices: rows, ids: rows.map((r) => r.unique_id) })) },
  );
  const huge = fc.constant(`{"escrow_devices":"${"x".repeat(1_100_000)}"}`);
  const route = fc.constantFrom(...routes);
  return fc.record({
    path: fc.tuple(route.chain(pathOf), query).map(([p, q]) => p + q),
    method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE") }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    auth,
    contentType,
    body: fc.oneof({ weight: 200, arbitrary: body }, { weight: 1, arbitrary: huge }),
  });
}

// A fresh connection per request (no keep-alive): a server may close a connection whose body it
// did not read, and a reused socket would then fail on the client side, not the server's.
function send(r: FuzzRequest): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (r.auth === "valid") headers.authorization = tokens.api;
  else if (r.auth === "bearer") headers.authorization = `Bearer ${tokens.api}`;
  else if (r.auth === "session") headers.authorization = tokens.session;
  else if (r.auth != null) headers.authorization = r.auth;
  if (r.contentType != null) headers["content-type"] = r.contentType;
  const body = r.method !== "GET" && r.method !== "HEAD" && r.body !== undefined ? Buffer.from(r.body) : undefined;
  if (body) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request(`${api.url}${r.path}`, { method: r.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    // The server may answer (413, 401…) and close before reading a large body: that is fine.
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e)));
    req.end(body);
  });
}

describe("fuzz: every API route, hostile requests", () => {
  const routes = collectRoutes(path.join(process.cwd(), "app", "api", "v1"), ["api", "v1"]);

  it(`${RUNS} generated requests: no 5xx, the error body on every 4xx (seed ${SEED})`, { timeout: Math.max(120_000, RUNS * 30) }, async () => {
    expect(routes.length).toBeGreaterThan(20);
    if (SEED_ENV === "random") console.log(`fuzz seed ${SEED} (replay: HANDOFF_FUZZ_SEED=${SEED} HANDOFF_FUZZ_RUNS=${RUNS})`);
    const statuses = new Map<number, number>();
    const timings = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(arbitraries(routes), async (req) => {
        const started = performance.now();
        const { status, text } = await send(req);
        const key = `${req.method} ${req.path.split("?")[0].split("/").slice(3, 6).join("/")}`;
        timings.set(key, (timings.get(key) ?? 0) + performance.now() - started);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        // Ending the session token is a legitimate outcome: sign in again for what follows.
        if (status < 300 && req.auth === "session" && /\/user\/sessions?\b/.test(req.path)) tokens.session = await login();
        if (status >= 500) throw new Error(`${req.method} ${req.path.slice(0, 200)} → ${status}: ${text.slice(0, 300)}`);
        if (status >= 400 && req.method !== "HEAD" && !(status === 405 && text === "")) {
          let body: { error?: unknown; messages?: unknown };
          try {
            body = JSON.parse(text);
          } catch {
            throw new Error(`${req.method} ${req.path.slice(0, 200)} → ${status} without a JSON body: ${text.slice(0, 200)}`);
          }
          if (typeof body.error !== "string" || !Array.isArray(body.messages) || body.messages.length === 0) {
            throw new Error(`${req.method} ${req.path.slice(0, 200)} → ${status} without the error body: ${text.slice(0, 300)}`);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    if (process.env.HANDOFF_FUZZ_PROFILE) {
      const t0 = performance.now();
      fc.sample(arbitraries(routes), { numRuns: RUNS, seed: SEED });
      console.log(`generation alone: ${(performance.now() - t0).toFixed(0)} ms; requests: ${[...timings.values()].reduce((a, b) => a + b, 0).toFixed(0)} ms`);
    }
    if (process.env.HANDOFF_FUZZ_PROFILE) console.log([...timings].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`).join("\n"));
    // The run reached the handlers, not only the 404/401 paths.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(RUNS);
    for (const s of [200, 400, 401, 404]) expect(statuses.get(s) ?? 0, `status ${s} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(RUNS / 100);
  });
});
