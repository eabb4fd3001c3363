import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { accounts, memberships, type Role, users } from "@/db/schema";
import { loadUserActor, type UserActor, type UserVia } from "@/lib/auth/actor";
import type { Ctx } from "@/lib/context";

// A cheap fixed hash (of "test-password-1") keeps factories fast; sign-in tests hash for real.
export const TEST_PASSWORD = "test-password-1";
let cachedHash: string | null = null;
async function testHash(): Promise<string> {
  if (!cachedHash) cachedHash = await (await import("@/lib/auth/secrets")).hashPassword(TEST_PASSWORD);
  return cachedHash;
}

const uniq = () => randomBytes(4).toString("hex");

export async function makeAccount(db: Db, opts: { name?: string; parentId?: string } = {}) {
  const [a] = await db
    .insert(accounts)
    .values({ name: opts.name ?? `Account ${uniq()}`, parentId: opts.parentId ?? null })
    .returning();
  return a;
}

export async function makeUser(db: Db, opts: { accountId: string; role?: Role; email?: string }) {
  const [u] = await db
    .insert(users)
    .values({
      email: opts.email ?? `user-${uniq()}@example.test`,
      passwordHash: await testHash(),
      primaryAccountId: opts.accountId,
    })
    .returning();
  await db.insert(memberships).values({ userId: u.id, accountId: opts.accountId, role: opts.role ?? "admin" });
  return u;
}

export async function actorFor(db: Db, userId: string, via: UserVia = "browser"): Promise<UserActor> {
  const a = await loadUserActor(db, userId, via);
  if (!a) throw new Error("no such user");
  return a;
}

export async function ctxFor(db: Db, userId: string, via: UserVia = "browser"): Promise<Ctx> {
  return { db, actor: await actorFor(db, userId, via) };
}

/** An account with one user of each role, and a ctx for each. */
export async function makeTeam(db: Db, name?: string) {
  const account = await makeAccount(db, { name });
  const admin = await makeUser(db, { accountId: account.id, role: "admin" });
  const member = await makeUser(db, { accountId: account.id, role: "member" });
  const viewer = await makeUser(db, { accountId: account.id, role: "viewer" });
  return {
    account,
    users: { admin, member, viewer },
    admin: await ctxFor(db, admin.id),
    member: await ctxFor(db, member.id),
    viewer: await ctxFor(db, viewer.id),
  };
}
