import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, memberships, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";

let database: Database;
let api: TestApi;
const P = "/api/v1/platform";

async function login(email: string, password = DEMO_PASSWORD) {
  const r = await api.call("POST", `${P}/user/authenticate`, { body: { email, password } });
  expect(r.status).toBe(200);
  return { token: r.body.session_token as string, me: r.body };
}

let maker: Awaited<ReturnType<typeof login>>;
let globex: Awaited<ReturnType<typeof login>>;
let euPlantId: string;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  api = await startTestApi(database);
  maker = await login("maker@acme.test");
  globex = await login("admin@globex.test");
  const subs = await api.call("GET", `${P}/companies?name_like=EU Plant`, { token: maker.token });
  euPlantId = subs.body[0]._id;
});

describe("POST users creates only new users (API.md §7)", () => {
  it("a new email → 201 the user in company_id and the company_ids the caller administers, with a working api_token", async () => {
    const r = await api.call("POST", `${P}/users`, {
      token: maker.token,
      body: {
        email: "Script.User@acme.test",
        password: "script-password-1",
        password_confirmation: "script-password-1",
        first_name: "Script",
        company_id: maker.me.company_id,
        company_ids: [euPlantId, globex.me.company_id],
        user_type_id: "system_admins",
        metadata: { ignored: true },
      },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: "script.user@acme.test", first_name: "Script", company_id: maker.me.company_id, user_type_id: "admin" });
    // Globex is not the caller's to administer: it is left out.
    expect(r.body.memberships).toEqual([
      { company_id: maker.me.company_id, role: "admin" },
      { company_id: euPlantId, role: "admin" },
    ]);
    expect(r.body.api_token).toMatch(/^hk_/);
    const asNew = await api.call("GET", `${P}/me`, { token: r.body.api_token });
    expect(asNew.status).toBe(200);
    expect(asNew.body._id).toBe(r.body._id);
    expect(asNew.body.email).toBe("script.user@acme.test");
    // …and it acts as that user: an admin action in Acme works with it.
    const sub = await api.call("POST", `${P}/companies`, { token: r.body.api_token, body: { name: "Made by script", company_id: maker.me.company_id } });
    expect(sub.status).toBe(201);
    const signIn = await api.call("POST", `${P}/user/authenticate`, { body: { email: "script.user@acme.test", password: "script-password-1" } });
    expect(signIn.status).toBe(200);
  });

  it("role defaults to viewer; role or user_type_id name the role; contradictions and bad input are 400s listing each problem", async () => {
    const plain = await api.call("POST", `${P}/users`, { token: maker.token, body: { email: "plain@acme.test", password: "plain-password", company_id: maker.me.company_id } });
    expect(plain.status).toBe(201);
    expect(plain.body.memberships).toEqual([{ company_id: maker.me.company_id, role: "viewer" }]);
    const typed = await api.call("POST", `${P}/users`, { token: maker.token, body: { email: "typed@acme.test", password: "typed-password", company_id: maker.me.company_id, user_type_id: "member" } });
    expect(typed.body.memberships).toEqual([{ company_id: maker.me.company_id, role: "member" }]);
    const bad = await api.call("POST", `${P}/users`, {
      token: maker.token,
      body: { email: "nope", password: "short", password_confirmation: "other", company_id: 7, role: "admin", user_type_id: "wizards" },
    });
    expect(bad.status).toBe(400);
    const text = bad.body.messages.join("\n");
    for (const f of ["email:", "password:", "company_id:", "user_type_id:"]) expect(text).toContain(f);
    const contradiction = await api.call("POST", `${P}/users`, {
      token: maker.token,
      body: { email: "both@acme.test", password: "both-password", password_confirmation: "different-pw", company_id: maker.me.company_id, role: "viewer", user_type_id: "system_admins" },
    });
    expect(contradiction.status).toBe(400);
    expect(contradiction.body.messages).toEqual(["password_confirmation: does not match password", 'role: contradicts user_type_id "system_admins"']);
  });

  it("an email that already has an account → 409 that reveals nothing and adds nobody", async () => {
    const db = database.db;
    const [victim] = await db.select().from(users).where(eq(users.email, "admin@initech.test"));
    const before = await db.select().from(memberships).where(eq(memberships.userId, victim.id));
    const auditBefore = (await db.select().from(auditEvents).where(eq(auditEvents.accountId, maker.me.company_id))).length;
    for (const email of ["admin@initech.test", "ADMIN@initech.test", "viewer@acme.test"]) {
      const r = await api.call("POST", `${P}/users`, { token: maker.token, body: { email, password: "whatever-password", company_id: maker.me.company_id, role: "admin" } });
      expect(r.status).toBe(409);
      expect(r.body).toEqual({ error: "this email already has an account — invite it", messages: ["this email already has an account — invite it"] });
      const text = JSON.stringify(r.body);
      expect(text).not.toContain(victim.id);
      expect(text).not.toContain(victim.primaryAccountId);
      expect(text).not.toMatch(/Initech|Victor|Viewer/);
    }
    expect(await db.select().from(memberships).where(eq(memberships.userId, victim.id))).toEqual(before);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.accountId, maker.me.company_id))).length).toBe(auditBefore);
  });

  it("a viewer gets 403 and another account's company_id 404 — before any email is looked at", async () => {
    const viewer = await login("viewer@acme.test");
    const forbidden = await api.call("POST", `${P}/users`, { token: viewer.token, body: { email: "admin@initech.test", password: "0123456789", company_id: maker.me.company_id } });
    expect(forbidden.status).toBe(403);
    const hidden = await api.call("POST", `${P}/users`, { token: maker.token, body: { email: "admin@initech.test", password: "0123456789", company_id: globex.me.company_id } });
    expect(hidden.status).toBe(404);
  });
});

describe("GET user_types and GET users", () => {
  it("user_types are the three roles under EdgeIQ's names", async () => {
    const r = await api.call("GET", `${P}/user_types`, { token: globex.token });
    expect(r.status).toBe(200);
    expect(r.body.map((t: { _id: string; name: string; role: string }) => [t._id, t.name, t.role])).toEqual([
      ["viewer", "viewers", "viewer"],
      ["member", "members", "member"],
      ["admin", "system_admins", "admin"],
    ]);
    for (const t of r.body) expect(t.description).toMatch(/\w/);
    const meta = await api.call("GET", `${P}/user_types?page_meta=true&name=system_admins`, { token: globex.token });
    expect(meta.body).toMatchObject({ page: 1, per_page: 25, total: 1, resources: [{ _id: "admin" }] });
    const bad = await api.call("GET", `${P}/user_types?colour=red&order_by=abilities`, { token: globex.token });
    expect(bad.status).toBe(400);
    expect(bad.body.messages).toHaveLength(2);
    expect((await api.call("GET", `${P}/user_types`)).status).toBe(401);
  });

  it("users follow the list conventions: company_id narrows, page_meta, order_by, unknown filters 400", async () => {
    const all = await api.call("GET", `${P}/users`, { token: globex.token });
    expect(all.status).toBe(200);
    expect(all.body.map((u: { email: string }) => u.email)).toEqual(["admin@globex.test", "member@globex.test"]);
    const acme = await api.call("GET", `${P}/users?company_id=${euPlantId}&page_meta=true&per_page=2&order_by=-email`, { token: maker.token });
    expect(acme.status).toBe(200);
    expect(acme.body.total).toBe(1);
    expect(acme.body.resources.map((u: { email: string }) => u.email)).toEqual(["script.user@acme.test"]);
    const page2 = await api.call("GET", `${P}/users?company_id=${maker.me.company_id}&page_meta=true&per_page=2&page=2&order_by=email`, { token: maker.token });
    expect(page2.body.total).toBe(5);
    expect(page2.body.resources.map((u: { email: string }) => u.email)).toEqual(["script.user@acme.test", "typed@acme.test"]);
    const viewers = await api.call("GET", `${P}/users?company_id=${maker.me.company_id}&role=viewer`, { token: maker.token });
    expect(viewers.body.map((u: { email: string }) => u.email)).toEqual(["plain@acme.test", "viewer@acme.test"]);
    // Another account's id narrows to nothing; it does not reveal that account's members.
    const other = await api.call("GET", `${P}/users?company_id=${globex.me.company_id}`, { token: maker.token });
    expect(other.body).toEqual([]);
    const bad = await api.call("GET", `${P}/users?password_hash=x&email_zz=1&order_by=company_id`, { token: maker.token });
    expect(bad.status).toBe(400);
    expect(bad.body.messages).toHaveLength(3);
  });

  it("a member's primary account is shown only when the caller can see it", async () => {
    const db = database.db;
    const [initech] = await db.select().from(users).where(eq(users.email, "admin@initech.test"));
    await db.insert(memberships).values({ userId: initech.id, accountId: globex.me.company_id, role: "viewer" });
    const r = await api.call("GET", `${P}/users?email=admin@initech.test`, { token: globex.token });
    expect(r.body).toHaveLength(1);
    expect(r.body[0].company_id).toBe(globex.me.company_id);
    expect(r.body[0].company_ids).toEqual([globex.me.company_id]);
    await db.delete(memberships).where(inArray(memberships.userId, [initech.id])).execute();
    await db.insert(memberships).values({ userId: initech.id, accountId: initech.primaryAccountId, role: "admin" });
  });
});
