import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { type Role, memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, visibleAccountIds } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { conflict, invalid, notFound, parseInput } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { inviteSchema, roleSchema } from "./schemas";
import { serializeUser } from "./serialize";

/** `GET users`: members of the actor's accounts, each with the memberships the actor can see. */
export async function listUsers(ctx: Ctx) {
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length) return [];
  const rows = await ctx.db
    .select({ user: users, accountId: memberships.accountId, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.accountId, ids))
    .orderBy(asc(users.email));
  const byUser = new Map<string, { user: typeof users.$inferSelect; ms: { accountId: string; role: Role }[] }>();
  for (const r of rows) {
    const e = byUser.get(r.user.id) ?? { user: r.user, ms: [] };
    e.ms.push({ accountId: r.accountId, role: r.role });
    byUser.set(r.user.id, e);
  }
  return [...byUser.values()].map((e) => serializeUser(e.user, e.ms));
}

export interface MemberRow {
  user_id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  created_at: string | null;
}

/** Direct members of one account (the Settings → Members table). */
export async function listMembers(ctx: Ctx, accountId: string): Promise<MemberRow[]> {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  const rows = await ctx.db
    .select({ user: users, role: memberships.role, createdAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(asc(users.email));
  return rows.map((r) => ({
    user_id: r.user.id,
    email: r.user.email,
    first_name: r.user.firstName,
    last_name: r.user.lastName,
    role: r.role,
    created_at: iso(r.createdAt),
  }));
}

/**
 * `POST users` / invite: an existing user becomes a member; a new one is created with the given
 * password (required then).
 */
export async function inviteMember(ctx: Ctx, input: unknown) {
  const body = parseInput(inviteSchema, input);
  requirePermission(ctx.actor, body.company_id, "account.admin", "company");
  return ctx.db.transaction(async (tx) => {
    let user = await tx.query.users.findFirst({ where: (u, { eq }) => eq(u.email, body.email) });
    let created = false;
    if (!user) {
      if (!body.password) {
        throw invalid("invalid input", {
          messages: ["password: is required to create a new user (this email has no account yet)"],
          fieldErrors: { password: ["is required for a new user"] },
        });
      }
      [user] = await tx
        .insert(users)
        .values({
          email: body.email,
          passwordHash: await hashPassword(body.password),
          firstName: body.first_name ?? "",
          lastName: body.last_name ?? "",
          primaryAccountId: body.company_id,
        })
        .returning();
      created = true;
    }
    const inserted = await tx
      .insert(memberships)
      .values({ userId: user.id, accountId: body.company_id, role: body.role })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw conflict(`${body.email} is already a member of this account`);
    await recordAudit(tx, ctx.actor, {
      accountIds: body.company_id,
      action: "member.add",
      subjectType: "user",
      subjectId: user.id,
      detail: { email: user.email, role: body.role, new_user: created },
    });
    const ms = await tx.select({ accountId: memberships.accountId, role: memberships.role }).from(memberships).where(eq(memberships.userId, user.id));
    return serializeUser(user, ms.filter((m) => m.accountId === body.company_id || visibleAccountIds(ctx.actor).includes(m.accountId)));
  });
}

/** Locks the account's admin rows so two concurrent demotions cannot both pass the check. */
async function adminCount(tx: Db, accountId: string): Promise<number> {
  const rows = await queryRows<{ user_id: string }>(
    tx,
    sql`select user_id from memberships where account_id = ${accountId} and role = 'admin' for update`,
  );
  return rows.length;
}

export async function changeRole(ctx: Ctx, input: { accountId: string; userId: string; role: unknown }) {
  const role = parseInput(roleSchema, input.role);
  requirePermission(ctx.actor, input.accountId, "account.admin", "company");
  return ctx.db.transaction(async (tx) => {
    const admins = await adminCount(tx, input.accountId);
    const cur = await tx.query.memberships.findFirst({
      where: (m, { and, eq }) => and(eq(m.accountId, input.accountId), eq(m.userId, input.userId)),
    });
    if (!cur) throw notFound("member");
    if (cur.role === "admin" && role !== "admin" && admins <= 1) throw conflict("an account must keep at least one admin");
    await tx
      .update(memberships)
      .set({ role, updatedAt: new Date() })
      .where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, ctx.actor, {
      accountIds: input.accountId,
      action: "member.role_change",
      subjectType: "user",
      subjectId: input.userId,
      detail: { from: cur.role, to: role },
    });
    return { user_id: input.userId, role };
  });
}

export async function removeMember(ctx: Ctx, input: { accountId: string; userId: string }) {
  requirePermission(ctx.actor, input.accountId, "account.admin", "company");
  return ctx.db.transaction(async (tx) => {
    const admins = await adminCount(tx, input.accountId);
    const cur = await tx.query.memberships.findFirst({
      where: (m, { and, eq }) => and(eq(m.accountId, input.accountId), eq(m.userId, input.userId)),
    });
    if (!cur) throw notFound("member");
    if (cur.role === "admin" && admins <= 1) throw conflict("an account must keep at least one admin");
    await tx.delete(memberships).where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId)));
    // Keep the primary account pointing at an account the user still belongs to.
    const user = await tx.query.users.findFirst({ where: (u, { eq }) => eq(u.id, input.userId) });
    if (user?.primaryAccountId === input.accountId) {
      const other = await tx.query.memberships.findFirst({ where: (m, { eq }) => eq(m.userId, input.userId) });
      if (other) await tx.update(users).set({ primaryAccountId: other.accountId }).where(eq(users.id, input.userId));
    }
    await recordAudit(tx, ctx.actor, {
      accountIds: input.accountId,
      action: "member.remove",
      subjectType: "user",
      subjectId: input.userId,
      detail: { email: user?.email, role: cur.role },
    });
    return { user_id: input.userId, removed: true };
  });
}

