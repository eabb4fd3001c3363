import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { apiTokens, auditEvents, memberships, sessionTokens, users } from "@/db/schema";
import { authenticateToken } from "@/lib/auth/api-auth";
import { testDatabase } from "@/lib/test/db";
import { ctxFor, makeAccount, makeTeam, makeUser } from "@/lib/test/factories";
import { rejects } from "@/lib/test/rejects";
import { createApiToken, listApiTokens, resetApiToken, revokeApiToken } from "./api-tokens";
import { createSubAccount, getCompany, getPublicCompany, listCompanies } from "./companies";
import { createUser } from "./create-user";
import { changeRole, listMembers, removeMember } from "./members";
import { authenticate, endSession } from "./sessions";
import { signup } from "./signup";

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});


describe("signup and authenticate", () => {
  it("creates an account with its admin, stores only a password hash and token digests", async () => {
    const res = await signup(db, { email: "New@Example.test", password: "a-long-password", company_name: "Newco" });
    expect(res.email).toBe("new@example.test");
    expect(res.session_token).toMatch(/^hs_/);
    expect(res.memberships).toEqual([{ company_id: res.company_id, role: "admin" }]);
    const [u] = await db.select().from(users).where(eq(users.email, "new@example.test"));
    expect(u.passwordHash).toMatch(/^scrypt\$/);
    expect(u.passwordHash).not.toContain("a-long-password");
    const sessions = await db.select().from(sessionTokens).where(eq(sessionTokens.userId, u.id));
    expect(sessions).toHaveLength(1);
    expect(sessions[0].tokenDigest).not.toBe(res.session_token);
    const actor = await authenticateToken(db, `Bearer ${res.session_token}`);
    expect(actor.userId).toBe(u.id);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.accountId, res.company_id));
    expect(events.map((e) => e.action)).toContain("account.create");
  });

  it("lists every problem of a bad sign-up and refuses a duplicate email with 409", async () => {
    const err = await rejects(signup(db, { email: "nope", password: "short", company_name: 5 }), "invalid");
    expect(err.messages.length).toBeGreaterThanOrEqual(3);
    expect(err.messages.join(" ")).toMatch(/email/);
    expect(err.messages.join(" ")).toMatch(/password/);
    expect(err.messages.join(" ")).toMatch(/company_name/);
    await signup(db, { email: "dup@example.test", password: "a-long-password", company_name: "A" });
    await rejects(signup(db, { email: "DUP@example.test", password: "a-long-password", company_name: "B" }), "conflict");
  });

  it("answers a wrong password and an unknown email alike", async () => {
    await signup(db, { email: "auth@example.test", password: "right-password", company_name: "A" });
    const a = await rejects(authenticate(db, { email: "auth@example.test", password: "wrong-password" }), "unauthenticated");
    const b = await rejects(authenticate(db, { email: "nobody@example.test", password: "wrong-password" }), "unauthenticated");
    expect(a.message).toBe(b.message);
    const ok = await authenticate(db, { email: "AUTH@example.test", password: "right-password" });
    expect(ok.session_token).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
  });

  it("ends a session so its token stops working", async () => {
    const s = await signup(db, { email: "end@example.test", password: "right-password", company_name: "A" });
    const actor = await authenticateToken(db, s.session_token);
    expect(await endSession(db, actor.userId, actor.tokenId)).toEqual({ ended: true });
    await rejects(authenticateToken(db, s.session_token), "unauthenticated");
  });
});

describe("API tokens", () => {
  it("shows a created token once, stores a digest, and revocation stops it", async () => {
    const team = await makeTeam(db);
    const created = await createApiToken(team.admin, { name: "ci" });
    expect(created.api_token).toMatch(/^hk_/);
    expect(created.token_hint).toBe(created.api_token.slice(-4));
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, created._id));
    expect(row.tokenDigest).not.toContain(created.api_token);
    const listed = await listApiTokens(team.admin);
    expect(JSON.stringify(listed)).not.toContain(created.api_token);
    expect((await authenticateToken(db, created.api_token)).via).toBe("api_token");
    await revokeApiToken(team.admin, created._id);
    await rejects(authenticateToken(db, created.api_token), "unauthenticated");
    // Managing API tokens is an admin permission.
    await rejects(createApiToken(team.member, { name: "nope" }), "forbidden");
    await rejects(createApiToken(team.viewer, { name: "nope" }), "forbidden");
    // Another user cannot revoke it (404, not 403).
    const again = await createApiToken(team.admin, { name: "second" });
    await rejects(revokeApiToken(team.member, again._id), "not_found");
  });

  it("api_token_reset replaces every earlier token", async () => {
    await signup(db, { email: "reset@example.test", password: "right-password", company_name: "A" });
    const first = await resetApiToken(db, { email: "reset@example.test", password: "right-password" });
    const second = await resetApiToken(db, { email: "reset@example.test", password: "right-password" });
    await rejects(authenticateToken(db, first.api_token), "unauthenticated");
    expect((await authenticateToken(db, second.api_token)).email).toBe("reset@example.test");
    await rejects(resetApiToken(db, { email: "reset@example.test", password: "wrong-password" }), "unauthenticated");
  });
});

describe("members and roles", () => {
  it("lets an admin create new users (never add existing ones); members and viewers are refused with 403", async () => {
    const team = await makeTeam(db);
    const other = await makeAccount(db);
    const outsider = await makeUser(db, { accountId: other.id, role: "admin" });
    const taken = await rejects(createUser(team.admin, { email: outsider.email, password: "0123456789", company_id: team.account.id, role: "viewer" }), "conflict");
    expect(taken.message).toBe("this email already has an account — invite it");
    const noPassword = await rejects(createUser(team.admin, { email: "fresh@example.test", company_id: team.account.id, role: "member" }), "invalid");
    expect(noPassword.fieldErrors.password).toBeDefined();
    const fresh = await createUser(team.admin, { email: "fresh@example.test", password: "fresh-password", company_id: team.account.id, role: "member" });
    expect(fresh.memberships).toEqual([{ company_id: team.account.id, role: "member" }]);
    await rejects(createUser(team.member, { email: "x@example.test", password: "0123456789", company_id: team.account.id, role: "admin" }), "forbidden");
    await rejects(createUser(team.viewer, { email: "x@example.test", password: "0123456789", company_id: team.account.id, role: "admin" }), "forbidden");
    const members = await listMembers(team.admin, team.account.id);
    expect(members.map((m) => m.email)).toContain("fresh@example.test");
    expect(members.map((m) => m.email)).not.toContain(outsider.email);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.accountId, team.account.id));
    expect(audit.filter((e) => e.action === "member.add")).toHaveLength(1);
  });

  it("always keeps one admin", async () => {
    const team = await makeTeam(db);
    await rejects(changeRole(team.admin, { accountId: team.account.id, userId: team.users.admin.id, role: "member" }), "conflict");
    await rejects(removeMember(team.admin, { accountId: team.account.id, userId: team.users.admin.id }), "conflict");
    await changeRole(team.admin, { accountId: team.account.id, userId: team.users.member.id, role: "admin" });
    await removeMember(team.admin, { accountId: team.account.id, userId: team.users.admin.id });
    const left = await db.select().from(memberships).where(eq(memberships.accountId, team.account.id));
    expect(left.map((m) => m.role).sort()).toEqual(["admin", "viewer"]);
    await rejects(changeRole(team.viewer, { accountId: team.account.id, userId: team.users.member.id, role: "viewer" }), "forbidden");
  });
});

describe("companies and visibility", () => {
  it("sub-accounts inherit the parent membership's role; other accounts are 404", async () => {
    const team = await makeTeam(db, "Parent");
    const sub = await createSubAccount(team.admin, { name: "Plant 2", company_id: team.account.id });
    expect(sub.company_id).toBe(team.account.id);
    const memberCtx = await ctxFor(db, team.users.member.id);
    expect(memberCtx.actor.kind === "user" && memberCtx.actor.roles.get(sub._id)).toBe("member");
    await rejects(createSubAccount(team.member, { name: "Nope", company_id: team.account.id }), "forbidden");
    const stranger = await makeTeam(db, "Stranger");
    await rejects(getCompany(stranger.admin, team.account.id), "not_found");
    await rejects(createSubAccount(stranger.admin, { name: "Sneaky", company_id: team.account.id }), "not_found");
    const list = (await listCompanies(stranger.admin, new URLSearchParams())) as { _id: string }[];
    expect(list.map((c) => c._id)).toEqual([stranger.account.id]);
    // The public lookup names any account, and nothing more.
    expect(await getPublicCompany(stranger.admin, team.account.id)).toEqual({ _id: team.account.id, name: "Parent" });
    await rejects(getPublicCompany(stranger.admin, "does-not-exist"), "not_found");
  });

  it("lists follow the conventions: page_meta envelope, unknown filters are a 400 listing each", async () => {
    const team = await makeTeam(db, "Lists");
    for (const n of ["B", "C", "D"]) await createSubAccount(team.admin, { name: `Lists ${n}`, company_id: team.account.id });
    const admin = await ctxFor(db, team.users.admin.id);
    const page = (await listCompanies(admin, new URLSearchParams("page_meta=true&per_page=2&order_by=-name&name_like=lists"))) as {
      resources: { name: string }[];
      total: number;
      page: number;
      per_page: number;
    };
    expect(page.total).toBe(4);
    expect(page.per_page).toBe(2);
    expect(page.resources.map((r) => r.name)).toEqual(["Lists D", "Lists C"]);
    const err = await rejects(listCompanies(admin, new URLSearchParams("colour=red&name_zz=1&per_page=5000&order_by=secret")), "invalid");
    expect(err.messages).toHaveLength(4);
  });
});

describe("logging", () => {
  it("an unexpected database error is logged without its query parameters", async () => {
    const { loggable } = await import("@/lib/errors");
    const err = await db.execute(sql`select ${"secret-value-123"}::int`).then(
      () => null,
      (e: unknown) => e,
    );
    const line = loggable(err);
    expect(line).not.toContain("secret-value-123");
    expect(line).toMatch(/22P02/);
  });
});
