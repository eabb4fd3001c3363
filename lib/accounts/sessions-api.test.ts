import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, browserSessions } from "@/db/schema";
import { createBrowserSession, endBrowserSession, jwtSessionValid } from "@/lib/auth/browser-sessions";
import { testDatabase } from "@/lib/test/db";
import { actorFor } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { rejects } from "@/lib/test/rejects";
import { changePassword } from "./password";

let database: Database;
let api: TestApi;
const P = "/api/v1/platform";

async function signupUser(email: string, password = "first-password-1") {
  const r = await api.call("POST", `${P}/user/signup`, { body: { email, password, company_name: `${email} Co` } });
  expect(r.status).toBe(201);
  return r.body as { _id: string; session_token: string; company_id: string };
}
async function login(email: string, password: string) {
  return api.call("POST", `${P}/user/authenticate`, { body: { email, password } });
}
const meStatus = async (token: string) => (await api.call("GET", `${P}/me`, { token })).status;

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
});

describe("browser sessions live on the server", () => {
  it("a cookie is good only while its session row exists, belongs to its user and has not expired", async () => {
    const u = await signupUser("cookie@example.test");
    const sid = await createBrowserSession(database.db, u._id);
    expect(await jwtSessionValid(database.db, { uid: u._id, sid })).toBe(true);
    expect(await jwtSessionValid(database.db, { uid: "someone-else", sid })).toBe(false);
    // A cookie from before sessions were kept on the server has no sid: it no longer signs in.
    expect(await jwtSessionValid(database.db, { uid: u._id })).toBe(false);
    await endBrowserSession(database.db, sid);
    expect(await jwtSessionValid(database.db, { uid: u._id, sid })).toBe(false);
    const old = await createBrowserSession(database.db, u._id);
    await database.db.update(browserSessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(browserSessions.id, old));
    expect(await jwtSessionValid(database.db, { uid: u._id, sid: old })).toBe(false);
    // The next sign-in sweeps the user's expired rows.
    await createBrowserSession(database.db, u._id);
    const left = await database.db.select().from(browserSessions).where(eq(browserSessions.userId, u._id));
    expect(left.map((r) => r.id)).not.toContain(old);
    expect(left).toHaveLength(1);
  });
});

describe("POST user/password and DELETE user/sessions (API.md §7)", () => {
  it("changing the password ends every other session and session token; API tokens and the caller's own session stay", async () => {
    const u = await signupUser("change@example.test");
    const other = (await login("change@example.test", "first-password-1")).body.session_token;
    const browserA = await createBrowserSession(database.db, u._id);
    const apiToken = (await api.call("POST", `${P}/user/api_token_reset`, { body: { email: "change@example.test", password: "first-password-1" } })).body.api_token;

    const wrong = await api.call("POST", `${P}/user/password`, { token: u.session_token, body: { current_password: "not-it-at-all", new_password: "second-password-2" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.messages).toEqual(["current_password: is not your current password"]);
    const short = await api.call("POST", `${P}/user/password`, { token: u.session_token, body: { current_password: "first-password-1", new_password: "short" } });
    expect(short.status).toBe(400);
    expect(await meStatus(other)).toBe(200);

    const ok = await api.call("POST", `${P}/user/password`, { token: u.session_token, body: { current_password: "first-password-1", new_password: "second-password-2" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ password_changed: true, ended_sessions: 2 });
    expect(await meStatus(u.session_token)).toBe(200);
    expect(await meStatus(other)).toBe(401);
    expect(await meStatus(apiToken)).toBe(200);
    expect(await jwtSessionValid(database.db, { uid: u._id, sid: browserA })).toBe(false);
    expect((await login("change@example.test", "first-password-1")).status).toBe(401);
    expect((await login("change@example.test", "second-password-2")).status).toBe(200);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.accountId, u.company_id));
    expect(audit.map((e) => e.action)).toContain("user.password_change");
  });

  it("from the portal, the browser session that changes the password is the one kept", async () => {
    const u = await signupUser("portal-change@example.test");
    const mine = await createBrowserSession(database.db, u._id);
    const theirs = await createBrowserSession(database.db, u._id);
    const actor = { ...(await actorFor(database.db, u._id, "browser")), tokenId: mine };
    await changePassword({ db: database.db, actor }, { current_password: "first-password-1", new_password: "second-password-2" });
    expect(await jwtSessionValid(database.db, { uid: u._id, sid: mine })).toBe(true);
    expect(await jwtSessionValid(database.db, { uid: u._id, sid: theirs })).toBe(false);
    expect(await meStatus(u.session_token)).toBe(401);
    await rejects(changePassword({ db: database.db, actor }, { current_password: "second-password-2", new_password: "second-password-2" }), "invalid");
  });

  it("sign out everywhere ends every browser session and session token, the caller's too; API tokens stay", async () => {
    const u = await signupUser("everywhere@example.test");
    const other = (await login("everywhere@example.test", "first-password-1")).body.session_token;
    const browser = await createBrowserSession(database.db, u._id);
    const apiToken = (await api.call("POST", `${P}/user/api_token_reset`, { body: { email: "everywhere@example.test", password: "first-password-1" } })).body.api_token;
    const bystander = await signupUser("bystander@example.test");
    const r = await api.call("DELETE", `${P}/user/sessions`, { token: u.session_token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ended_sessions: 3 });
    expect(await meStatus(u.session_token)).toBe(401);
    expect(await meStatus(other)).toBe(401);
    expect(await jwtSessionValid(database.db, { uid: u._id, sid: browser })).toBe(false);
    expect(await meStatus(apiToken)).toBe(200);
    expect(await meStatus(bystander.session_token)).toBe(200);
    expect((await api.call("DELETE", `${P}/user/sessions`)).status).toBe(401);
  });
});
