import { and, eq, gte, inArray, or, sql } from "drizzle-orm";
import { accounts, INVITATION_STATUSES, type InvitationStatus, invitations, memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { can, requirePermission, requireUser, visibleAccountIds } from "@/lib/auth/permissions";
import { digest, randomToken } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { AppError, conflict, parseInput, uniqueViolation } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, paginate, parseListQuery } from "@/lib/list/query";
import { invitationCreateSchema } from "./schemas";

export const INVITATION_DAYS = 7;
/** Invitations an account may send per hour: enough for onboarding a team, not for spamming. */
export const INVITATIONS_PER_HOUR = 50;

/** What an invitation reads as: a pending one past its expiry is expired (never stored). */
export const invitationStatus = sql<InvitationStatus>`case when ${invitations.status} = 'pending' and ${invitations.expiresAt} <= now() then 'expired' else ${invitations.status} end`;

export function serializeInvitation(r: typeof invitations.$inferSelect, extra: { companyName?: string } = {}) {
  const expired = r.status === "pending" && r.expiresAt.getTime() <= Date.now();
  return {
    _id: r.id,
    email: r.email,
    company_id: r.accountId,
    ...(extra.companyName !== undefined ? { company_name: extra.companyName } : {}),
    role: r.role,
    status: (expired ? "expired" : r.status) as InvitationStatus,
    user_id: r.invitedByUserId,
    expires_at: iso(r.expiresAt),
    decided_at: iso(r.decidedAt),
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}

/**
 * `POST invitations`: the same answer whether or not the email has an account (nothing about it is
 * looked up), nobody is added until the invitee accepts. The one-time `invite_url` is in this
 * answer only; inviting the same email again replaces the pending invitation.
 */
export async function createInvitation(ctx: Ctx, input: unknown, baseUrl: string) {
  const body = parseInput(invitationCreateSchema, input);
  requirePermission(ctx.actor, body.company_id, "account.admin", "company");
  const user = requireUser(ctx.actor);
  const token = randomToken("hi_");
  try {
    return await ctx.db.transaction(async (tx) => {
      // Serializes invitations of one account, so the hourly budget cannot be raced past.
      await tx.execute(sql`select 1 from ${accounts} where ${accounts.id} = ${body.company_id} for no key update`);
      const [recent] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(invitations)
        .where(and(eq(invitations.accountId, body.company_id), gte(invitations.createdAt, sql`now() - interval '1 hour'`)));
      if (recent.n >= INVITATIONS_PER_HOUR) {
        throw new AppError("rate_limited", "too many invitations", {
          messages: [`an account may send ${INVITATIONS_PER_HOUR} invitations an hour; try again later`],
          retryAfterSeconds: 3600,
        });
      }
      const [member] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.accountId, body.company_id), eq(users.email, body.email)));
      // Only the account's own members are told apart: its admins can list them anyway.
      if (member) throw conflict(`${body.email} is already a member of this account`);
      const replaced = await tx
        .update(invitations)
        .set({ status: "revoked", decidedAt: new Date(), decidedByUserId: user.userId, updatedAt: new Date() })
        .where(and(eq(invitations.accountId, body.company_id), eq(invitations.email, body.email), eq(invitations.status, "pending")))
        .returning({ id: invitations.id });
      const [row] = await tx
        .insert(invitations)
        .values({
          accountId: body.company_id,
          email: body.email,
          role: body.role,
          tokenDigest: digest(token),
          invitedByUserId: user.userId,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
        })
        .returning();
      for (const r of replaced) {
        await recordAudit(tx, ctx.actor, {
          accountIds: body.company_id,
          action: "invitation.revoke",
          subjectType: "invitation",
          subjectId: r.id,
          detail: { email: body.email, replaced_by: row.id },
        });
      }
      await recordAudit(tx, ctx.actor, {
        accountIds: body.company_id,
        action: "invitation.create",
        subjectType: "invitation",
        subjectId: row.id,
        detail: { email: row.email, role: row.role, expires_at: iso(row.expiresAt) },
      });
      return { ...serializeInvitation(row), invite_url: `${baseUrl.replace(/\/+$/, "")}/invite/${token}` };
    });
  } catch (err) {
    if (uniqueViolation(err)?.constraint === "invitations_one_pending_key") throw conflict("an invitation to this email was just sent; try again");
    throw err;
  }
}

const FIELDS: FieldSpecs = {
  _id: { column: invitations.id, type: "string" },
  email: { column: invitations.email, type: "string", lowercase: true },
  company_id: { column: invitations.accountId, type: "string" },
  role: { column: invitations.role, type: "enum", values: ["viewer", "member", "admin"] },
  status: { column: invitationStatus, type: "enum", values: INVITATION_STATUSES },
  expires_at: { column: invitations.expiresAt, type: "date" },
  created_at: { column: invitations.createdAt, type: "date" },
  updated_at: { column: invitations.updatedAt, type: "date" },
};

/**
 * `GET invitations`: pending invitations addressed to the actor's email, and every invitation
 * sent by an account the actor administers (`status=pending` for the open ones). List conventions.
 */
export async function listInvitations(ctx: Ctx, params: URLSearchParams) {
  const user = requireUser(ctx.actor);
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: invitations.id });
  const adminOf = visibleAccountIds(user).filter((id) => can(user, id, "account.admin"));
  const mine = and(eq(invitations.email, user.email), eq(invitationStatus, "pending"));
  const scope = adminOf.length ? or(mine, inArray(invitations.accountId, adminOf)) : mine;
  const where = and(scope, q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    // The columns of the JSON list, which never carries the token (only its digest is stored).
    return csvExport({
      q,
      filename: "invitations.csv",
      columns: ["_id", "email", "company_id", "company_name", "role", "status", "user_id", "expires_at", "decided_at", "created_at", "updated_at"],
      read: (after, limit) =>
        ctx.db
          .select({ invitation: invitations, companyName: accounts.name, ...selection })
          .from(invitations)
          .innerJoin(accounts, eq(accounts.id, invitations.accountId))
          .where(and(where, after))
          .orderBy(...q.orderBy)
          .limit(limit),
      toRecord: (r) => serializeInvitation(r.invitation, { companyName: r.companyName }),
    });
  }
  const rows = await paginate(
    ctx.db
      .select({ invitation: invitations, companyName: accounts.name })
      .from(invitations)
      .innerJoin(accounts, eq(accounts.id, invitations.accountId))
      .where(where)
      .$dynamic(),
    q,
  );
  let total = rows.length;
  if (q.pageMeta) {
    const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(invitations).where(where);
    total = r.n;
  }
  return listBody(
    q,
    rows.map((r) => serializeInvitation(r.invitation, { companyName: r.companyName })),
    total,
  );
}

/** Pending invitations addressed to the signed-in user (the account switcher shows them). */
export async function invitationsForMe(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  return (await listInvitations(ctx, new URLSearchParams({ email: user.email, status: "pending", per_page: "20" }))) as ReturnType<typeof serializeInvitation>[];
}
