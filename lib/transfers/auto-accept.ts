import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { transferRules } from "@/db/schema";
import { acceptLocked } from "./accept";
import type { TransferRow } from "./serialize";

/**
 * Trusted senders (API.md §9): when the destination trusts the sender, the request just created in
 * `tx` is accepted in that same transaction with the rule's override, audited as the system acting
 * on the rule. Returns the accepted row, or null when no rule applies.
 */
export async function autoAcceptByRule(tx: Db, created: TransferRow): Promise<TransferRow | null> {
  const [rule] = await tx
    .select({ id: transferRules.id, deviceTypeId: transferRules.deviceTypeId })
    .from(transferRules)
    .where(and(eq(transferRules.accountId, created.toAccountId), eq(transferRules.fromAccountId, created.fromAccountId)))
    .limit(1)
    .for("share");
  if (!rule) return null;
  return acceptLocked(tx, { kind: "system", label: `transfer rule ${rule.id}` }, created, { overrideId: rule.deviceTypeId, decidedBy: null, ruleId: rule.id });
}
