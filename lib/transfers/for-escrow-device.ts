import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { accounts, type TransferStatus, transferRequestItems, transferRequests } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";

export interface EscrowDeviceTransfer {
  id: string;
  status: TransferStatus;
  counterpartyId: string;
  counterpartyName: string;
  createdAt: Date;
  autoAccepted: boolean;
}

/**
 * The transfer an escrow device is in (pending) or went out with (accepted), with the destination
 * named — for the escrow device's page. Null when it never left or every request was withdrawn.
 */
export async function transferOfEscrowDevice(ctx: Ctx, escrow: { id: string; accountId: string }): Promise<EscrowDeviceTransfer | null> {
  requirePermission(ctx.actor, escrow.accountId, "account.read", "escrow device");
  const i = transferRequestItems;
  const t = transferRequests;
  const [row] = await ctx.db
    .select({ id: t.id, status: t.status, counterpartyId: accounts.id, counterpartyName: accounts.name, createdAt: t.createdAt, ruleId: t.acceptedByRuleId })
    .from(i)
    .innerJoin(t, eq(t.id, i.requestId))
    .innerJoin(accounts, eq(accounts.id, t.toAccountId))
    .where(and(eq(i.escrowDeviceId, escrow.id), eq(t.fromAccountId, escrow.accountId), inArray(i.state, ["pending", "transferred"]), ne(t.status, "cancelled")))
    .orderBy(desc(t.createdAt))
    .limit(1);
  return row ? { id: row.id, status: row.status, counterpartyId: row.counterpartyId, counterpartyName: row.counterpartyName, createdAt: row.createdAt, autoAccepted: row.ruleId != null } : null;
}
