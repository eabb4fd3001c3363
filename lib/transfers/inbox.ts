import { and, asc, count, desc, eq, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { accounts, deviceTypes, type TransferStatus, transferRequests } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { expireOverdue } from "./expire";

export type Direction = "incoming" | "outgoing";

export interface InboxRow {
  id: string;
  status: TransferStatus;
  counterpartyId: string;
  counterpartyName: string;
  deviceTypeName: string;
  deviceCount: number;
  createdAt: Date;
  decidedAt: Date | null;
  expiresAt: Date | null;
  /** Accepted by a trusted-sender rule the moment it was created. */
  autoAccepted: boolean;
}

/** The portal's Incoming / Outgoing tabs for one account, with counterparty and type names. */
export async function listInbox(
  ctx: Ctx,
  args: { accountId: string; direction: Direction; status?: TransferStatus | null; page?: number; perPage?: number },
): Promise<{ rows: InboxRow[]; total: number }> {
  requirePermission(ctx.actor, args.accountId, "account.read", "company");
  await expireOverdue(ctx.db);
  const incoming = args.direction === "incoming";
  const counterparty = alias(accounts, "counterparty");
  const mine = incoming ? eq(transferRequests.toAccountId, args.accountId) : eq(transferRequests.fromAccountId, args.accountId);
  const conditions: SQL[] = [mine];
  if (args.status) conditions.push(eq(transferRequests.status, args.status));
  const where = and(...conditions);
  const perPage = args.perPage ?? 25;
  const page = Math.max(1, args.page ?? 1);
  // The destination names the type it received (the resolved one once accepted).
  const typeName = incoming
    ? sql<string>`coalesce(resolved.name, origin.name, 'A deleted device type')`
    : sql<string>`coalesce(origin.name, 'A deleted device type')`;
  const resolved = alias(deviceTypes, "resolved");
  const origin = alias(deviceTypes, "origin");
  const rows = await ctx.db
    .select({
      id: transferRequests.id,
      status: transferRequests.status,
      counterpartyId: counterparty.id,
      counterpartyName: counterparty.name,
      deviceTypeName: typeName,
      deviceCount: transferRequests.deviceCount,
      createdAt: transferRequests.createdAt,
      decidedAt: transferRequests.decidedAt,
      expiresAt: transferRequests.expiresAt,
      autoAccepted: sql<boolean>`(${transferRequests.acceptedByRuleId} is not null)`,
    })
    .from(transferRequests)
    .innerJoin(counterparty, eq(counterparty.id, incoming ? transferRequests.fromAccountId : transferRequests.toAccountId))
    .leftJoin(origin, eq(origin.id, transferRequests.deviceTypeId))
    .leftJoin(resolved, eq(resolved.id, transferRequests.resolvedDeviceTypeId))
    .where(where)
    .orderBy(desc(transferRequests.createdAt), asc(transferRequests.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const [{ n }] = await ctx.db.select({ n: count() }).from(transferRequests).where(where);
  return { rows, total: n };
}

/** The navigation badge: pending incoming requests of one account (expired ones never count). */
export async function countPendingIncoming(ctx: Ctx, accountId: string): Promise<number> {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(transferRequests)
    .where(
      and(
        eq(transferRequests.toAccountId, accountId),
        eq(transferRequests.status, "pending"),
        or(isNull(transferRequests.expiresAt), gt(transferRequests.expiresAt, sql`now()`)),
      ),
    );
  return n;
}

/** Device types of an account for the portal's selects (name only; never the copy association). */
export async function deviceTypeOptions(ctx: Ctx, accountId: string) {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  return ctx.db
    .select({ id: deviceTypes.id, name: deviceTypes.name, model: deviceTypes.model })
    .from(deviceTypes)
    .where(eq(deviceTypes.accountId, accountId))
    .orderBy(asc(deviceTypes.name));
}
