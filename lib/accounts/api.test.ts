import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";

let database: Database;
let api: TestApi;
const P = "/api/v1/platform";

async function login(email: string): Promise<string> {
  const r = await api.call("POST", `${P}/user/authenticate`, { body: { email, password: DEMO_PASSWORD } });
  expect(r.status).toBe(200);
  return r.body.session_token;
}

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  api = await startTestApi(database);
});

describe("platform API: users, accounts, tokens over HTTP", () => {
  it("the demo users sign in; me returns memberships; raw and Bearer tokens both work", async () => {
    const token = await login("maker@acme.test");
    const raw = await api.call("GET", `${P}/me`, { token });
    expect(raw.status).toBe(200);
    expect(raw.body.email).toBe("maker@acme.test");
    expect(raw.body.memberships).toEqual([{ company_id: raw.body.company_id, role: "admin" }]);
    const bearer = await api.call("GET", `${P}/me`, { token: `Bearer ${token}` });
    expect(bearer.body._id).toBe(raw.body._id);
    for (const email of ["viewer@acme.test", "admin@globex.test", "member@globex.test", "admin@initech.test"]) await login(email);
  });

  it("401 for a missing or bad token, and wrong password and unknown email answer alike", async () => {
    expect((await api.call("GET", `${P}/me`)).status).toBe(401);
    expect((await api.call("GET", `${P}/me`, { token: "hs_not-a-real-token-at-all" })).status).toBe(401);
    const a = await api.call("POST", `${P}/user/authenticate`, { body: { email: "maker@acme.test", password: "wrong-password" } });
    const b = await api.call("POST", `${P}/user/authenticate`, { body: { email: "ghost@acme.test", password: "wrong-password" } });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
  });

  it("bad input is a 400 listing every problem; malformed JSON 400; huge body 413; never 500", async () => {
    const bad = await api.call("POST", `${P}/user/signup`, { body: { email: 12, password: ["x"], company_name: "x".repeat(500) } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid input");
    const text = bad.body.messages.join("\n");
    for (const f of ["email", "password", "company_name"]) expect(text).toContain(`${f}:`);
    expect((await api.call("POST", `${P}/user/signup`, { rawBody: "{not json" })).status).toBe(400);
    expect((await api.call("POST", `${P}/user/signup`, { rawBody: JSON.stringify({ pad: "x".repeat(1_100_000) }) })).status).toBe(413);
    const token = await login("maker@acme.test");
    const filters = await api.call("GET", `${P}/companies?nope=1&name_bogus=2`, { token });
    expect(filters.status).toBe(400);
    expect(filters.body.messages).toHaveLength(2);
  });

  it("signup creates an account (201), the email is unique (409)", async () => {
    const body = { email: "buyer@newco.test", password: "long-enough-pw", company_name: "Newco", lwm2m: { ignored: true } };
    const r = await api.call("POST", `${P}/user/signup`, { body });
    expect(r.status).toBe(201);
    expect(r.body.session_token).toMatch(/^hs_/);
    expect((await api.call("POST", `${P}/user/signup`, { body })).status).toBe(409);
  });

  it("HANDOFF_SIGNUP=closed turns sign-up off (403) and nothing is created", async () => {
    process.env.HANDOFF_SIGNUP = "closed";
    try {
      const r = await api.call("POST", `${P}/user/signup`, { body: { email: "late@newco.test", password: "long-enough-pw", company_name: "Late" } });
      expect(r.status).toBe(403);
      expect(r.body.error).toMatch(/sign-up is closed/);
    } finally {
      delete process.env.HANDOFF_SIGNUP;
    }
    const again = await api.call("POST", `${P}/user/authenticate`, { body: { email: "late@newco.test", password: "long-enough-pw" } });
    expect(again.status).toBe(401);
  });

  it("a viewer gets 403 for an admin action; another account's company is 404; public lookup names any account", async () => {
    const viewer = await login("viewer@acme.test");
    const me = (await api.call("GET", `${P}/me`, { token: viewer })).body;
    const r = await api.call("POST", `${P}/users`, { token: viewer, body: { email: "x@acme.test", password: "0123456789", company_id: me.company_id, role: "admin" } });
    expect(r.status).toBe(403);
    const globex = await login("admin@globex.test");
    const globexMe = (await api.call("GET", `${P}/me`, { token: globex })).body;
    expect((await api.call("GET", `${P}/companies/${me.company_id}`, { token: globex })).status).toBe(404);
    const list = await api.call("GET", `${P}/companies`, { token: globex });
    expect(list.body.map((c: { _id: string }) => c._id)).toEqual([globexMe.company_id]);
    const pub = await api.call("GET", `${P}/companies/${me.company_id}/public`, { token: globex });
    expect(pub.body).toEqual({ _id: me.company_id, name: "Acme Gateways" });
  });

  it("api_token_reset gives a permanent token; DELETE user/session ends the session", async () => {
    const r = await api.call("POST", `${P}/user/api_token_reset`, { body: { email: "admin@initech.test", password: DEMO_PASSWORD } });
    expect(r.status).toBe(200);
    expect((await api.call("GET", `${P}/me`, { token: r.body.api_token })).status).toBe(200);
    const s = await login("admin@initech.test");
    expect((await api.call("DELETE", `${P}/user/session`, { token: s })).status).toBe(200);
    expect((await api.call("GET", `${P}/me`, { token: s })).status).toBe(401);
  });

  it("GET events lists the account's audit trail, newest first, with filters", async () => {
    const token = await login("admin@globex.test");
    const r = await api.call("GET", `${P}/events?page_meta=true&action=transfer.accept`, { token });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(1);
    expect(r.body.resources[0].action).toBe("transfer.accept");
    const all = await api.call("GET", `${P}/events`, { token });
    const times = all.body.map((e: { created_at: string }) => e.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
