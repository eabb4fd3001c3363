import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { ESCROW_STATUSES, type EscrowStatus, escrowDevices } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { invalid } from "@/lib/errors";
import { MAX_DEVICES_PER_REQUEST } from "@/lib/transfers/schemas";

export interface MatchingEscrowDevices {
  total: number;
  /** [id, status, device_type_id] of the newest matches, at most 10,000 (one request's worth). */
  items: [string, EscrowStatus, string | null][];
  capped: boolean;
}

/**
 * "Select all N matching": every escrow device of one account matching the escrow list's portal
 * filter (unique_id substring, status), across pages, up to one transfer request's worth.
 */
export async function matchingEscrowDevices(ctx: Ctx, args: { companyId: string; q?: string | null; status?: string | null }): Promise<MatchingEscrowDevices> {
  requirePermission(ctx.actor, args.companyId, "account.read", "company");
  const conditions: SQL[] = [eq(escrowDevices.accountId, args.companyId)];
  const q = (args.q ?? "").trim().toLowerCase();
  if (q.length > 128) throw invalid("invalid filter", { messages: ["q: 128 characters at most"] });
  if (q) conditions.push(sql`${escrowDevices.uniqueId} like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (args.status) {
    if (!(ESCROW_STATUSES as readonly string[]).includes(args.status)) throw invalid("invalid filter", { messages: [`status: must be one of ${ESCROW_STATUSES.join(", ")}`] });
    conditions.push(eq(escrowDevices.status, args.status as EscrowStatus));
  }
  const where = and(...conditions);
  const rows = await ctx.db
    .select({ id: escrowDevices.id, status: escrowDevices.status, typeId: escrowDevices.deviceTypeId })
    .from(escrowDevices)
    .where(where)
    .orderBy(desc(escrowDevices.createdAt), desc(escrowDevices.id))
    .limit(MAX_DEVICES_PER_REQUEST + 1);
  const capped = rows.length > MAX_DEVICES_PER_REQUEST;
  const total = capped ? (await ctx.db.select({ n: count() }).from(escrowDevices).where(where))[0].n : rows.length;
  return { total, capped, items: rows.slice(0, MAX_DEVICES_PER_REQUEST).map((r) => [r.id, r.status, r.typeId]) };
}
