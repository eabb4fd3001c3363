import { and, count, eq, type SQL } from "drizzle-orm";
import { devices, type EscrowStatus, escrowDevices, type TransferStatus, transferRequests } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import type { HeartbeatStatus } from "@/lib/devices/schemas";
import { heartbeatStatusSql } from "@/lib/devices/serialize";
import { expireOverdue } from "@/lib/transfers/expire";

export interface DashboardCounts {
  escrow: Record<EscrowStatus, number>;
  devices: Record<HeartbeatStatus, number>;
  /** Requests per direction and status, as the Transfers tabs count them. */
  incoming: Record<TransferStatus, number>;
  outgoing: Record<TransferStatus, number>;
}

const zeroTransfers = (): Record<TransferStatus, number> => ({ pending: 0, accepted: 0, rejected: 0, cancelled: 0, expired: 0 });

async function transferCounts(ctx: Ctx, where: SQL | undefined): Promise<Record<TransferStatus, number>> {
  const rows = await ctx.db.select({ status: transferRequests.status, n: count() }).from(transferRequests).where(where).groupBy(transferRequests.status);
  const out = zeroTransfers();
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/**
 * The home page's numbers for one account: the same filters the lists they link to apply, so a
 * number on the dashboard equals the total of the list behind it.
 */
export async function dashboardCounts(ctx: Ctx, accountId: string): Promise<DashboardCounts> {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  await expireOverdue(ctx.db);
  const [escrowRows, deviceRows, incoming, outgoing] = await Promise.all([
    ctx.db.select({ status: escrowDevices.status, n: count() }).from(escrowDevices).where(eq(escrowDevices.accountId, accountId)).groupBy(escrowDevices.status),
    ctx.db.select({ status: heartbeatStatusSql, n: count() }).from(devices).where(eq(devices.accountId, accountId)).groupBy(heartbeatStatusSql),
    transferCounts(ctx, and(eq(transferRequests.toAccountId, accountId))),
    transferCounts(ctx, and(eq(transferRequests.fromAccountId, accountId))),
  ]);
  const escrow: Record<EscrowStatus, number> = { escrowed: 0, transfer_pending: 0, transferred: 0 };
  for (const r of escrowRows) escrow[r.status] = r.n;
  const dev: Record<HeartbeatStatus, number> = { online: 0, offline: 0, never_reported: 0 };
  for (const r of deviceRows) dev[r.status] = r.n;
  return { escrow, devices: dev, incoming, outgoing };
}

export const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
