import { asc, eq } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";

/** Who appears in an account's audit trail (for the Activity filter), by label; at most 200. */
export async function auditActors(ctx: Ctx, accountId: string): Promise<string[]> {
  requirePermission(ctx.actor, accountId, "account.read", "company");
  const rows = await ctx.db
    .selectDistinct({ label: auditEvents.actorLabel })
    .from(auditEvents)
    .where(eq(auditEvents.accountId, accountId))
    .orderBy(asc(auditEvents.actorLabel))
    .limit(200);
  return rows.map((r) => r.label).filter(Boolean);
}
