import { connect } from "node:net";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { createDeviceType } from "@/lib/device-types/create";
import { makeDeviceType, makeEscrowDevice } from "@/lib/gateway/test-factories";
import { testDatabase } from "@/lib/test/db";
import { makeTeam, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { rejects } from "@/lib/test/rejects";
import { collectRoutes } from "@/lib/test/route-server";

let database: Database;
let api: TestApi;
let token: string;
let team: Awaited<ReturnType<typeof makeTeam>>;
const P = "/api/v1/platform";

const BAD_ESCAPES = ["%", "%zz", "%ff", "%ED%A0%80", "%E0%A4%A", "a%2", "%C0%80"];
const PROTO_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__", "prototype"];

// Every route file under app/api/v1, so a new route is covered without editing this file.
const ROUTES = collectRoutes(path.join(process.cwd(), "app", "api", "v1"), ["api", "v1"]);
const ID_ROUTES = ROUTES.filter((r) => r.segments.some((s) => s.startsWith("[") && !s.includes("...")));

function concrete(segments: string[], id: string): string {
  return `/${segments.map((s) => (s.includes("...") ? "no-such-endpoint" : s.startsWith("[") ? id : s)).join("/")}`;
}

function expectErrorBody(r: { status: number; body: unknown }, status: number) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  const body = r.body as { error?: unknown; messages?: unknown };
  expect(typeof body.error).toBe("string");
  expect(Array.isArray(body.messages) && body.messages.length > 0).toBe(true);
}

function nested(depth: number, leaf = "1"): string {
  return `${'{"a":'.repeat(depth - 1)}{"k":${leaf}}${"}".repeat(depth - 1)}`;
}

beforeAll(async () => {
  database = await testDatabase();
  team = await makeTeam(database.db, "Hostile");
  api = await startTestApi(database);
  const r = await api.call("POST", `${P}/user/authenticate`, { body: { email: team.users.admin.email, password: TEST_PASSWORD } });
  token = r.body.session_token;
});

describe("malformed percent-escapes in the path", () => {
  it("every {id} route, every method it has: 404 with the error body", async () => {
    expect(ID_ROUTES.length).toBeGreaterThan(5);
    for (const route of ID_ROUTES) {
      const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      const methods = ["GET", "POST", "PUT", "DELETE", "PATCH"].filter((m) => typeof mod[m] === "function");
      for (const bad of BAD_ESCAPES) {
        for (const method of methods) {
          const r = await api.call(method, concrete(route.segments, bad), { token, body: method === "GET" ? undefined : {} });
          expectErrorBody(r, 404);
        }
      }
    }
  });

  it("list, gateway and unknown paths too", async () => {
    for (const bad of BAD_ESCAPES) {
      for (const p of [`${P}/escrow_devices/${bad}`, `${P}/${bad}`, `${P}/escrow_devices${bad}`, `/api/v1/gateway/${bad}`, `/api/v1/gateway/escrow/${bad}`, `/api/v1/${bad}/x`]) {
        expectErrorBody(await api.call("GET", p, { token }), 404);
        expectErrorBody(await api.call("POST", p, { token, body: {} }), 404);
      }
    }
  });
});

describe("query keys and order_by values that are JavaScript member names", () => {
  it("are unknown fields (400) on every list route", { timeout: 180_000 }, async () => {
    const lists: string[] = [];
    for (const route of ROUTES) {
      if (route.segments.some((s) => s.startsWith("[")) || route.segments[2] !== "platform") continue;
      const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      if (typeof mod.GET !== "function") continue;
      const p = concrete(route.segments, "x");
      const r = await api.call("GET", `${p}?page_meta=true`, { token });
      if (r.status === 200 && Array.isArray(r.body?.resources)) lists.push(p);
    }
    expect(lists).toEqual(expect.arrayContaining([`${P}/escrow_devices`, `${P}/devices`, `${P}/device_types`, `${P}/device_transfer_requests`, `${P}/events`]));
    for (const p of lists) {
      for (const name of PROTO_NAMES) {
        for (const q of [`${name}=x`, `${name}_eq=x`, `${name}_in=a,b`, `order_by=${name}`, `order_by=-${name}`, `order_by=created_at,${name}`]) {
          const r = await api.call("GET", `${p}?${q}`, { token });
          expectErrorBody(r, 400);
          expect(r.body.messages.join(" ")).toContain(name);
        }
      }
    }
  });
});

describe("deeply nested JSON", () => {
  it("config / capabilities nested deeper than 32 levels: 400 naming the field, also 5,000 levels deep", async () => {
    const base = '"name":"T","manufacturer":"M","model":"X","type":"gateway"';
    for (const field of ["config", "capabilities"]) {
      for (const depth of [32, 5_000]) {
        const raw = `{${base},"${field}":${nested(depth)}}`;
        const r = await api.call("POST", `${P}/device_types`, { token, rawBody: raw });
        expectErrorBody(r, 400);
        expect(r.body.messages.join(" ")).toContain(field);
      }
    }
    // 32 levels in all (the body is level 1) is still fine.
    const ok = await api.call("POST", `${P}/device_types`, { token, rawBody: `{${base},"capabilities":${nested(31)}}` });
    expect(ok.status).toBe(201);
    const type = await makeDeviceType(database.db, team.account.id);
    const put = await api.call("PUT", `${P}/device_types/${type.id}`, { token, rawBody: `{"config":${nested(5_000)}}` });
    expectErrorBody(put, 400);
    expect(put.body.messages.join(" ")).toContain("config");
  });

  it("any body: the gateway, bulk and array bodies, 100,000 levels deep", async () => {
    const deepArray = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const cases: [string, string, string][] = [
      ["POST", "/api/v1/gateway/escrow/checkin", `{"unique_id":"x","token":"y","extra":${nested(40)}}`],
      ["POST", "/api/v1/gateway/heartbeat", `{"values":${nested(40)}}`],
      ["POST", `${P}/escrow_devices/bulk`, `{"escrow_devices":[${nested(40)}]}`],
      ["POST", `${P}/escrow_devices`, deepArray],
    ];
    for (const [method, p, raw] of cases) {
      const r = await api.call(method, p, { rawBody: raw, headers: { authorization: p.includes("gateway") ? "Device x" : token } });
      expectErrorBody(r, 400);
      expect(r.body.messages.join(" ")).toMatch(/nested 32 levels deep at most/);
    }
  });

  it("the server-action path (no readJson) refuses it too, without overflowing the stack", async () => {
    let deep: Record<string, unknown> = { k: 1 };
    for (let i = 0; i < 5_000; i++) deep = { a: deep };
    const err = await rejects(createDeviceType(team.admin, { name: "T", manufacturer: "M", model: "X", type: "gateway", config: deep }), "invalid");
    expect(err.messages.join(" ")).toContain("config");
  });
});

describe("a client that goes away mid-body", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is not logged as an unexpected error, and the server keeps serving", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const { port } = new URL(api.url);
    for (const p of [`${P}/escrow_devices/bulk`, "/api/v1/gateway/escrow/checkin", `${P}/device_types`]) {
      await new Promise<void>((resolve, reject) => {
        const s = connect(Number(port), "127.0.0.1", () => {
          s.write(`POST ${p} HTTP/1.1\r\nhost: x\r\nauthorization: ${token}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"escrow_devices":[`);
          setTimeout(() => {
            s.destroy();
            resolve();
          }, 150);
        });
        s.on("error", reject);
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(errors.mock.calls.map((c) => c.join(" "))).toEqual([]);
    const { escrow } = await makeEscrowDevice(database.db, team.account.id);
    const r = await api.call("GET", `${P}/escrow_devices/${escrow.id}`, { token });
    expect(r.status).toBe(200);
  });
});
