import { eq, sql } from "drizzle-orm";
import { devices, escrowDevices } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";

/** What kind of account this is, for navigation: a customer holds devices but no escrow devices. */
export async function accountProfile(ctx: Ctx, accountId: string): Promise<{ hasEscrow: boolean; hasDevices: boolean }> {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  const [escrow, device] = await Promise.all([
    ctx.db.select({ one: sql`1` }).from(escrowDevices).where(eq(escrowDevices.accountId, accountId)).limit(1),
    ctx.db.select({ one: sql`1` }).from(devices).where(eq(devices.accountId, accountId)).limit(1),
  ]);
  return { hasEscrow: escrow.length > 0, hasDevices: device.length > 0 };
}
