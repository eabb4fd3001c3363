import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, invitations, memberships, users } from "@/db/schema";
import { digest } from "@/lib/auth/secrets";
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
const tokenOf = (inviteUrl: string) => inviteUrl.split("/").pop()!;

let maker: Awaited<ReturnType<typeof login>>;
let globex: Awaited<ReturnType<typeof login>>;
let initech: Awaited<ReturnType<typeof login>>;

async function membershipRows() {
  return database.db.select().from(memberships).orderBy(memberships.userId, memberships.accountId);
}
async function actions(accountId: string) {
  const rows = await database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.accountId, accountId));
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  api = await startTestApi(database);
  [maker, globex, initech] = await Promise.all([login("maker@acme.test"), login("admin@globex.test"), login("admin@initech.test")]);
});

describe("invitations (API.md §7)", () => {
  it("answers identically for an email with and without an account, adds nobody, keeps only a digest", async () => {
    const before = await membershipRows();
    const known = await api.call("POST", `${P}/invitations`, { token: globex.token, body: { email: "admin@initech.test", company_id: globex.me.company_id, role: "member" } });
    const unknown = await api.call("POST", `${P}/invitations`, { token: globex.token, body: { email: "newcomer@elsewhere.test", company_id: globex.me.company_id, role: "member" } });
    for (const r of [known, unknown]) {
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ company_id: globex.me.company_id, role: "member", status: "pending" });
      expect(r.body.invite_url).toMatch(/^http:\/\/[^/]+\/invite\/hi_[A-Za-z0-9_-]{43}$/);
      const days = (Date.parse(r.body.expires_at) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThan(7.01);
    }
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(await membershipRows()).toEqual(before);
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, known.body._id));
    expect(row.tokenDigest).toBe(digest(tokenOf(known.body.invite_url)));
    expect(JSON.stringify(row)).not.toContain(tokenOf(known.body.invite_url));
    // The link is shown once: listing never carries it.
    const list = await api.call("GET", `${P}/invitations`, { token: globex.token });
    expect(JSON.stringify(list.body)).not.toContain("invite_url");
    expect(JSON.stringify(list.body)).not.toContain("hi_");
    expect(await actions(globex.me.company_id)).toContain("invitation.create");
  });

  it("only an admin of the account invites; bad input lists every problem; a member's email is a 409", async () => {
    const member = await login("member@globex.test");
    expect((await api.call("POST", `${P}/invitations`, { token: member.token, body: { email: "x@y.test", company_id: globex.me.company_id, role: "viewer" } })).status).toBe(403);
    expect((await api.call("POST", `${P}/invitations`, { token: maker.token, body: { email: "x@y.test", company_id: globex.me.company_id, role: "viewer" } })).status).toBe(404);
    const bad = await api.call("POST", `${P}/invitations`, { token: globex.token, body: { email: "nope", company_id: ["x"], role: "owner" } });
    expect(bad.status).toBe(400);
    expect(bad.body.messages).toHaveLength(3);
    const dup = await api.call("POST", `${P}/invitations`, { token: globex.token, body: { email: "member@globex.test", company_id: globex.me.company_id, role: "admin" } });
    expect(dup.status).toBe(409);
  });

  it("the invitee sees it, accepts it (200 the membership) exactly once; nobody else can", async () => {
    const sent = await api.call("POST", `${P}/invitations`, { token: globex.token, body: { email: "admin@initech.test", company_id: globex.me.company_id, role: "viewer" } });
    expect(sent.status).toBe(201);
    // Re-inviting replaced the first invitation: one pending left, the older one revoked.
    const pending = await database.db.select().from(invitations).where(and(eq(invitations.email, "admin@initech.test"), eq(invitations.status, "pending")));
    expect(pending.map((p) => p.id)).toEqual([sent.body._id]);

    const mine = await api.call("GET", `${P}/invitations`, { token: initech.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([expect.objectContaining({ _id: sent.body._id, company_id: globex.me.company_id, company_name: "Globex Utilities", status: "pending", role: "viewer" })]);
    // The invitee cannot see the account's other invitations, and a stranger sees none.
    expect((await api.call("GET", `${P}/invitations`, { token: maker.token })).body).toEqual([]);
    expect((await api.call("POST", `${P}/invitations/${sent.body._id}/accept`, { token: maker.token })).status).toBe(404);
    expect((await api.call("DELETE", `${P}/invitations/${sent.body._id}`, { token: maker.token })).status).toBe(404);

    const [a, b] = await Promise.all([
      api.call("POST", `${P}/invitations/${sent.body._id}/accept`, { token: initech.token }),
      api.call("POST", `${P}/invitations/${sent.body._id}/accept`, { token: initech.token }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const ok = a.status === 200 ? a : b;
    expect(ok.body).toMatchObject({ company_id: globex.me.company_id, user_id: initech.me._id, role: "viewer" });
    const me = await api.call("GET", `${P}/me`, { token: initech.token });
    expect(me.body.memberships).toContainEqual({ company_id: globex.me.company_id, role: "viewer" });
    expect((await api.call("GET", `${P}/invitations?status=accepted`, { token: globex.token })).body.map((i: { _id: string }) => i._id)).toContain(sent.body._id);
    const acts = await actions(globex.me.company_id);
    expect(acts).toEqual(expect.arrayContaining(["invitation.revoke", "invitation.accept", "member.add"]));
  });

  it("the invitee declines, the sending admin revokes, a decided one is a 409, an expired one cannot be accepted", async () => {
    const a = await api.call("POST", `${P}/invitations`, { token: maker.token, body: { email: "admin@globex.test", company_id: maker.me.company_id, role: "viewer" } });
    const declined = await api.call("DELETE", `${P}/invitations/${a.body._id}`, { token: globex.token });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe("declined");
    expect((await api.call("POST", `${P}/invitations/${a.body._id}/accept`, { token: globex.token })).status).toBe(409);

    const b = await api.call("POST", `${P}/invitations`, { token: maker.token, body: { email: "admin@globex.test", company_id: maker.me.company_id, role: "viewer" } });
    const revoked = await api.call("DELETE", `${P}/invitations/${b.body._id}`, { token: maker.token });
    expect(revoked.body.status).toBe("revoked");
    expect((await api.call("DELETE", `${P}/invitations/${b.body._id}`, { token: maker.token })).status).toBe(409);
    expect((await api.call("GET", `${P}/invitations?email=admin@globex.test&status=pending`, { token: globex.token })).body).toEqual([]);

    const c = await api.call("POST", `${P}/invitations`, { token: maker.token, body: { email: "admin@globex.test", company_id: maker.me.company_id, role: "viewer" } });
    await database.db.update(invitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitations.id, c.body._id));
    expect((await api.call("POST", `${P}/invitations/${c.body._id}/accept`, { token: globex.token })).status).toBe(409);
    const listed = await api.call("GET", `${P}/invitations?_id=${c.body._id}`, { token: maker.token });
    expect(listed.body[0].status).toBe("expired");
    const acts = await actions(maker.me.company_id);
    expect(acts).toEqual(expect.arrayContaining(["invitation.decline", "invitation.revoke"]));
    expect((await api.call("GET", `${P}/invitations?colour=red`, { token: maker.token })).status).toBe(400);
  });

  it("a new person signs up with the invitation_token and joins with the invited role; the token works once", async () => {
    const sent = await api.call("POST", `${P}/invitations`, { token: globex.token, body: { email: "Fresh.Face@newco.test", company_id: globex.me.company_id, role: "member" } });
    const token = tokenOf(sent.body.invite_url);
    const wrong = await api.call("POST", `${P}/user/signup`, { body: { email: "someone.else@newco.test", password: "long-enough-pw", invitation_token: token } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.messages).toEqual(["email: is not the address this invitation was sent to"]);
    expect((await api.call("POST", `${P}/user/signup`, { body: { email: "fresh.face@newco.test", password: "long-enough-pw", invitation_token: "hi_not-a-real-invitation-token" } })).status).toBe(404);
    process.env.HANDOFF_SIGNUP = "closed";
    try {
      const r = await api.call("POST", `${P}/user/signup`, { body: { email: "fresh.face@newco.test", password: "long-enough-pw", first_name: "Fresh", invitation_token: token } });
      expect(r.status).toBe(201);
      expect(r.body.session_token).toMatch(/^hs_/);
      expect(r.body.company_id).toBe(globex.me.company_id);
      expect(r.body.memberships).toEqual([{ company_id: globex.me.company_id, role: "member" }]);
      const again = await api.call("POST", `${P}/user/signup`, { body: { email: "fresh.face@newco.test", password: "long-enough-pw", invitation_token: token } });
      expect(again.status).toBe(409);
    } finally {
      delete process.env.HANDOFF_SIGNUP;
    }
    const [u] = await database.db.select().from(users).where(eq(users.email, "fresh.face@newco.test"));
    const rows = await database.db.select().from(memberships).where(eq(memberships.userId, u.id));
    expect(rows.map((m) => [m.accountId, m.role])).toEqual([[globex.me.company_id, "member"]]);
  });

  it("an admin who is removed or demoted leaves no pending invitation behind", async () => {
    const second = await api.call("POST", `${P}/users`, {
      token: globex.token,
      body: { email: "second.admin@globex.test", password: "second-admin-pw", company_id: globex.me.company_id, role: "admin" },
    });
    const sent = await api.call("POST", `${P}/invitations`, { token: second.body.api_token, body: { email: "pal@outside.test", company_id: globex.me.company_id, role: "admin" } });
    expect(sent.status).toBe(201);
    const { changeRole } = await import("./members");
    const { ctxFor } = await import("@/lib/test/factories");
    await changeRole(await ctxFor(database.db, globex.me._id), { accountId: globex.me.company_id, userId: second.body._id, role: "member" });
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, sent.body._id));
    expect(row.status).toBe("revoked");
  });

  it("an account may send 50 invitations an hour, then 429 with Retry-After", async () => {
    const fresh = await api.call("POST", `${P}/user/signup`, { body: { email: "busy@inviter.test", password: "long-enough-pw", company_name: "Busy" } });
    const token = fresh.body.session_token;
    for (let i = 0; i < 50; i++) {
      const r = await api.call("POST", `${P}/invitations`, { token, body: { email: `p${i}@x.test`, company_id: fresh.body.company_id, role: "viewer" } });
      expect(r.status).toBe(201);
    }
    const over = await api.call("POST", `${P}/invitations`, { token, body: { email: "p50@x.test", company_id: fresh.body.company_id, role: "viewer" } });
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("3600");
  });
});
