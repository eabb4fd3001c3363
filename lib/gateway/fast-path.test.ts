import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { type RawAnswer, rawRequest } from "@/lib/test/raw-http";
import { setGatewayRateLimits } from "./rate-limit";
import { makeGatewayScenario, simulateAccept } from "./test-factories";
import { startFastPath } from "./test-servers";

let database: Database;
let api: TestApi;
let fast: Awaited<ReturnType<typeof startFastPath>>;

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
  fast = await startFastPath(database);
});
beforeEach(() => setGatewayRateLimits(null));
afterAll(() => fast?.close());

const CHECKIN = "/api/v1/gateway/escrow/checkin";
const HEARTBEAT = "/api/v1/gateway/heartbeat";
const CONFIG = "/api/v1/gateway/config";
/** The headers of the contract; the rest (date, connection, …) belong to the transport. */
const CONTRACT_HEADERS = ["content-type", "cache-control", "etag", "retry-after", "allow", "set-cookie", "location"];

interface Req {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | object;
}
interface Case {
  name: string;
  status: number;
  /** Builds the request (after setting up what it needs); run once per face on the same state. */
  setup(): Promise<Req>;
}

async function activeGateway() {
  const s = await makeGatewayScenario(database.db, { typeConfig: { heartbeat_period: 60, ntp: "pool.ntp.org", nested: { a: [1, 2, { b: "ü" }] } } });
  await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id, heartbeatPeriod: 20, name: "Pump ✓ 4" });
  const r = await rawRequest(fast.url, { path: CHECKIN, body: { unique_id: s.uniqueId, token: s.token } });
  return { ...s, token: s.token, deviceToken: r.body.device_token as string, version: r.body.config_version as string };
}

const cases: Case[] = [
  { name: "escrow check-in", status: 200, setup: async () => { const s = await makeGatewayScenario(database.db); return { method: "POST", path: CHECKIN, body: { unique_id: s.uniqueId, token: s.token, agent_version: "1.0", extra: 1 } }; } },
  { name: "active check-in (document, new device token)", status: 200, setup: async () => { const a = await activeGateway(); return { method: "POST", path: CHECKIN, body: { unique_id: a.uniqueId.toUpperCase(), token: a.token } }; } },
  { name: "unknown unique_id", status: 401, setup: async () => ({ method: "POST", path: CHECKIN, body: { unique_id: "nobody-here", token: "wrong-token" } }) },
  { name: "malformed JSON", status: 400, setup: async () => ({ method: "POST", path: CHECKIN, body: "{not json" }) },
  { name: "empty body", status: 400, setup: async () => ({ method: "POST", path: CHECKIN, body: "" }) },
  { name: "wrong types, every problem listed", status: 400, setup: async () => ({ method: "POST", path: CHECKIN, body: { unique_id: 42, token: true, agent_version: 7 } }) },
  { name: "wait out of range", status: 400, setup: async () => ({ method: "POST", path: `${CHECKIN}?wait=31`, body: { unique_id: "a", token: "b" } }) },
  { name: "body over 64 KB", status: 413, setup: async () => ({ method: "POST", path: CHECKIN, body: { unique_id: "a", token: "b", pad: "x".repeat(70 * 1024) } }) },
  { name: "GET on check-in", status: 405, setup: async () => ({ method: "GET", path: CHECKIN }) },
  { name: "unknown gateway path", status: 404, setup: async () => ({ method: "POST", path: "/api/v1/gateway/nope?x=1", body: {} }) },
  {
    name: "locked-out unique_id (429, Retry-After)",
    status: 429,
    setup: async () => {
      const s = await makeGatewayScenario(database.db);
      for (let i = 0; i < 10; i++) await rawRequest(fast.url, { path: CHECKIN, body: { unique_id: s.uniqueId, token: `wrong-${i}` } });
      return { method: "POST", path: CHECKIN, body: { unique_id: s.uniqueId, token: s.token } };
    },
  },
  { name: "heartbeat without Authorization", status: 401, setup: async () => ({ method: "POST", path: HEARTBEAT, body: {} }) },
  { name: "heartbeat, malformed JSON", status: 400, setup: async () => ({ method: "POST", path: HEARTBEAT, headers: { authorization: "Device x" }, body: "{" }) },
  { name: "heartbeat, values of the wrong type", status: 400, setup: async () => ({ method: "POST", path: HEARTBEAT, headers: { authorization: "Device x" }, body: { values: "no" } }) },
  { name: "heartbeat", status: 200, setup: async () => { const a = await activeGateway(); return { method: "POST", path: HEARTBEAT, headers: { authorization: `Device ${a.deviceToken}` }, body: { values: { t: 1 } } }; } },
  { name: "heartbeat with an empty body", status: 200, setup: async () => { const a = await activeGateway(); return { method: "POST", path: HEARTBEAT, headers: { authorization: `Device ${a.deviceToken}` } }; } },
  { name: "config", status: 200, setup: async () => { const a = await activeGateway(); return { method: "GET", path: CONFIG, headers: { authorization: `Device ${a.deviceToken}` } }; } },
  { name: "config, If-None-Match → 304", status: 304, setup: async () => { const a = await activeGateway(); return { method: "GET", path: CONFIG, headers: { authorization: `Device ${a.deviceToken}`, "if-none-match": `W/"${a.version}"` } }; } },
  { name: "config with a bad token", status: 401, setup: async () => ({ method: "GET", path: CONFIG, headers: { authorization: "Device hd_nope" } }) },
  { name: "POST on config", status: 405, setup: async () => ({ method: "POST", path: CONFIG, body: {} }) },
];

/** Values that are random by design (a new device token, a jittered poll_after) become placeholders. */
function normalize(text: string): string {
  return text.replace(/"device_token":"[^"]+"/, '"device_token":"<token>"').replace(/"poll_after":\d+/, '"poll_after":<n>');
}

function contract(a: RawAnswer) {
  const headers: Record<string, string> = {};
  for (const h of CONTRACT_HEADERS) if (a.headers[h] !== undefined) headers[h] = String(a.headers[h]);
  return { status: a.status, headers, body: normalize(a.text) };
}

describe("the fast path and the Next route handler answer alike (one table, both faces)", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const req = await c.setup();
      const viaFast = await rawRequest(fast.url, req);
      const viaRoute = await rawRequest(api.url, req);
      expect(viaFast.status).toBe(c.status);
      const f = contract(viaFast);
      const r = contract(viaRoute);
      // Retry-After counts down in whole seconds; the two answers may straddle a second.
      if (f.headers["retry-after"]) {
        expect(Math.abs(Number(f.headers["retry-after"]) - Number(r.headers["retry-after"]))).toBeLessThanOrEqual(1);
        r.headers["retry-after"] = f.headers["retry-after"];
      }
      expect(r).toEqual(f);
      if (c.status !== 304) expect(f.headers["content-type"]).toBe("application/json; charset=utf-8");
      if (c.status >= 400) {
        expect(typeof viaFast.body.error).toBe("string");
        expect(viaFast.body.messages.length).toBeGreaterThan(0);
      }
    });
  }
});
