import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, invitations, memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { UserActor } from "@/lib/auth/actor";
import { can, requireUser } from "@/lib/auth/permissions";
import { digest } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { conflict, notFound } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { serializeInvitation } from "./invitations";

type InvitationRow = typeof invitations.$inferSelect;

function notPending(row: InvitationRow) {
  const status = serializeInvitation(row).status;
  return conflict(`this invitation is ${status}, no longer pending`);
}

/**
 * Accepts a pending, unexpired invitation for `actor` (whose email it must be addressed to) in
 * the transaction `tx`: exactly one caller wins a race, the membership and both audit events
 * commit together.
 */
export async function acceptInTx(tx: Db, actor: UserActor, row: InvitationRow) {
  const [won] = await tx
    .update(invitations)
    .set({ status: "accepted", decidedAt: new Date(), decidedByUserId: actor.userId, updatedAt: new Date() })
    .where(and(eq(invitations.id, row.id), eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`)))
    .returning();
  if (!won) throw notPending(row);
  const [membership] = await tx
    .insert(memberships)
    .values({ userId: actor.userId, accountId: row.accountId, role: row.role })
    .onConflictDoNothing()
    .returning();
  if (!membership) throw conflict("you are already a member of this account");
  await recordAudit(tx, actor, {
    accountIds: row.accountId,
    action: "invitation.accept",
    subjectType: "invitation",
    subjectId: row.id,
    detail: { email: row.email, role: row.role },
  });
  await recordAudit(tx, actor, {
    accountIds: row.accountId,
    action: "member.add",
    subjectType: "user",
    subjectId: actor.userId,
    detail: { email: actor.email, role: row.role, invitation_id: row.id },
  });
  return { company_id: membership.accountId, user_id: membership.userId, role: membership.role, created_at: iso(membership.createdAt) };
}

/** An invitation the actor may see as its invitee (addressed to their email), or 404. */
async function asInvitee(ctx: Ctx, id: string) {
  const user = requireUser(ctx.actor);
  const row = await ctx.db.query.invitations.findFirst({ where: (i, { and, eq }) => and(eq(i.id, id), eq(i.email, user.email)) });
  return row ?? null;
}

/** `POST invitations/{id}/accept`: the invitee, signed in with the invited email → the membership. */
export async function acceptInvitation(ctx: Ctx, id: string) {
  const user = requireUser(ctx.actor);
  const row = await asInvitee(ctx, id);
  if (!row) throw notFound("invitation");
  return ctx.db.transaction((tx) => acceptInTx(tx, user, row));
}

/**
 * `DELETE invitations/{id}`: an admin of the sending account revokes it; the invitee declines it.
 * Anyone else gets 404. A decided or expired invitation is a 409.
 */
export async function deleteInvitation(ctx: Ctx, id: string) {
  const user = requireUser(ctx.actor);
  const row = await ctx.db.query.invitations.findFirst({ where: (i, { eq }) => eq(i.id, id) });
  const admin = row != null && can(user, row.accountId, "account.admin");
  const invitee = row != null && row.email === user.email;
  if (!row || (!admin && !invitee)) throw notFound("invitation");
  const status = admin ? "revoked" : "declined";
  return ctx.db.transaction(async (tx) => {
    const [done] = await tx
      .update(invitations)
      .set({ status, decidedAt: new Date(), decidedByUserId: user.userId, updatedAt: new Date() })
      .where(and(eq(invitations.id, row.id), eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`)))
      .returning();
    if (!done) throw notPending(row);
    await recordAudit(tx, ctx.actor, {
      accountIds: row.accountId,
      action: admin ? "invitation.revoke" : "invitation.decline",
      subjectType: "invitation",
      subjectId: row.id,
      detail: { email: row.email, role: row.role },
    });
    return serializeInvitation(done);
  });
}

export interface InvitationByToken {
  invitation: InvitationRow;
  companyName: string;
  status: ReturnType<typeof serializeInvitation>["status"];
}

/** The invitation a one-time token belongs to (for the /invite page and sign-up), or null. */
export async function invitationByToken(db: Db, token: string): Promise<InvitationByToken | null> {
  if (token.length < 16 || token.length > 128) return null;
  const [r] = await db
    .select({ invitation: invitations, companyName: accounts.name })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(eq(invitations.tokenDigest, digest(token)))
    .limit(1);
  return r ? { ...r, status: serializeInvitation(r.invitation).status } : null;
}

/** Accepting through the /invite/<token> page: the token and the signed-in email must both match. */
export async function acceptInvitationByToken(ctx: Ctx, token: string) {
  const user = requireUser(ctx.actor);
  const found = await invitationByToken(ctx.db, token);
  if (!found || found.invitation.email !== user.email) throw notFound("invitation");
  return ctx.db.transaction((tx) => acceptInTx(tx, user, found.invitation));
}
