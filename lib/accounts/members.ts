import { and, asc, countDistinct, eq, inArray, notInArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { invitations, memberships, ROLES, type Role, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, loadEffectiveRoles } from "@/lib/auth/actor";
import { requirePermission, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { conflict, notFound, parseInput } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, paginate, parseListQuery } from "@/lib/list/query";
import { roleSchema } from "./schemas";
import { serializeUser, type UserRow } from "./serialize";

const USER_FIELDS: FieldSpecs = {
  _id: { column: users.id, type: "string" },
  email: { column: users.email, type: "string", lowercase: true },
  first_name: { column: users.firstName, type: "string" },
  last_name: { column: users.lastName, type: "string" },
  company_id: { column: memberships.accountId, type: "string", sortable: false },
  role: { column: memberships.role, type: "enum", values: ROLES, sortable: false },
  created_at: { column: users.createdAt, type: "date" },
  updated_at: { column: users.updatedAt, type: "date" },
};

/** The user columns a list shows: never the password hash or anything else secret. */
const USER_LIST_COLUMNS = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  primaryAccountId: users.primaryAccountId,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/**
 * One CSV row per user. `company_id` is the primary account as the JSON list shows it; `roles` flattens
 * the memberships the actor can see as `company_id:role` pairs joined by "; ", oldest first.
 */
const USER_CSV_COLUMNS = ["_id", "email", "first_name", "last_name", "company_id", "roles", "created_at", "updated_at"];

/** Users as the list shows them: with only the memberships in `visible`, the primary account only if among them. */
async function withVisibleMemberships(db: Db, visible: string[], page: UserRow[]) {
  const ms = page.length
    ? await db
        .select({ userId: memberships.userId, accountId: memberships.accountId, role: memberships.role })
        .from(memberships)
        .where(and(inArray(memberships.userId, page.map((u) => u.id)), inArray(memberships.accountId, visible)))
        .orderBy(asc(memberships.createdAt), asc(memberships.accountId))
    : [];
  const byUser = new Map<string, typeof ms>();
  for (const m of ms) {
    const list = byUser.get(m.userId);
    if (list) list.push(m);
    else byUser.set(m.userId, [m]);
  }
  return page.map((user) => {
    const own = byUser.get(user.id) ?? [];
    // The primary account is shown only when the actor can see it; never another account's id.
    const primary = own.some((m) => m.accountId === user.primaryAccountId) ? user.primaryAccountId : own[0].accountId;
    return serializeUser({ ...user, primaryAccountId: primary }, own);
  });
}

/**
 * `GET users` (API.md §1 list conventions): people with a membership in the actor's accounts,
 * each with the memberships the actor can see. `company_id=` / `role=` narrow by membership.
 */
export async function listUsers(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, USER_FIELDS, { defaultOrder: "email", tieBreaker: users.id });
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  const where = and(inArray(memberships.accountId, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "users.csv",
      columns: USER_CSV_COLUMNS,
      read: async (after, limit) => {
        const rows = await ctx.db
          .select({ user: USER_LIST_COLUMNS, ...selection })
          .from(users)
          .innerJoin(memberships, eq(memberships.userId, users.id))
          .where(and(where, after))
          .groupBy(users.id)
          .orderBy(...q.orderBy)
          .limit(limit);
        const shown = await withVisibleMemberships(ctx.db, ids, rows.map((r) => r.user));
        return rows.map((r, i) => ({ ...r, shown: shown[i] }));
      },
      toRecord: ({ shown }) => ({ ...shown, roles: shown.memberships.map((m) => `${m.company_id}:${m.role}`).join("; ") }),
    });
  }
  const page = await paginate(
    ctx.db.select({ user: USER_LIST_COLUMNS }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(where).groupBy(users.id).$dynamic(),
    q,
  );
  let total = page.length;
  if (q.pageMeta) {
    const [r] = await ctx.db.select({ n: countDistinct(users.id) }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(where);
    total = r.n;
  }
  const resources = await withVisibleMemberships(ctx.db, ids, page.map((r) => r.user));
  return listBody(q, resources, total);
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

/** Locks the account's admin rows so two concurrent demotions cannot both pass the check. */
async function adminCount(tx: Db, accountId: string): Promise<number> {
  const rows = await queryRows<{ user_id: string }>(
    tx,
    sql`select user_id from memberships where account_id = ${accountId} and role = 'admin' for update`,
  );
  return rows.length;
}

/**
 * Pending invitations sent by a user who is no longer an admin of the sending account are revoked:
 * an invitation must not outlive its sender's right to send it.
 */
async function revokeOrphanedInvitations(tx: Db, actor: Actor, userId: string) {
  const roles = await loadEffectiveRoles(tx, userId);
  const stillAdmin = [...roles].filter(([, r]) => r === "admin").map(([id]) => id);
  const revoked = await tx
    .update(invitations)
    .set({ status: "revoked", decidedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(invitations.invitedByUserId, userId),
        eq(invitations.status, "pending"),
        stillAdmin.length ? notInArray(invitations.accountId, stillAdmin) : undefined,
      ),
    )
    .returning();
  for (const r of revoked) {
    await recordAudit(tx, actor, {
      accountIds: r.accountId,
      action: "invitation.revoke",
      subjectType: "invitation",
      subjectId: r.id,
      detail: { email: r.email, role: r.role, reason: "sender is no longer an admin" },
    });
  }
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
    await revokeOrphanedInvitations(tx, ctx.actor, input.userId);
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
    await revokeOrphanedInvitations(tx, ctx.actor, input.userId);
    return { user_id: input.userId, removed: true };
  });
}

