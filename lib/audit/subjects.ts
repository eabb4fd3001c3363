import { and, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { accounts, transferRequests } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";

export interface TransferParties {
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
}

/**
 * The two parties of the transfer requests a page of audit events names, so Activity can say
 * "from Acme Gateways". Only requests the actor's accounts are party to are resolved.
 */
export async function transferPartiesOf(ctx: Ctx, requestIds: string[]): Promise<Map<string, TransferParties>> {
  const ids = [...new Set(requestIds)];
  const visible = visibleAccountIds(ctx.actor);
  if (!ids.length || !visible.length) return new Map();
  const from = alias(accounts, "from_account");
  const to = alias(accounts, "to_account");
  const rows = await ctx.db
    .select({ id: transferRequests.id, fromId: from.id, fromName: from.name, toId: to.id, toName: to.name })
    .from(transferRequests)
    .innerJoin(from, eq(from.id, transferRequests.fromAccountId))
    .innerJoin(to, eq(to.id, transferRequests.toAccountId))
    .where(and(inArray(transferRequests.id, ids), or(inArray(transferRequests.fromAccountId, visible), inArray(transferRequests.toAccountId, visible))));
  return new Map(rows.map(({ id, ...p }) => [id, p]));
}
