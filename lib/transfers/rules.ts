import { and, eq, inArray } from "drizzle-orm";
import { accounts, deviceTypes, transferRules } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, targetAccount, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { AppError, invalid, notFound, parseInput, uniqueViolation } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { transferRuleCreateSchema } from "./schemas";

type RuleRow = typeof transferRules.$inferSelect;

export function serializeRule(r: RuleRow) {
  return {
    _id: r.id,
    company_id: r.accountId,
    from_company_id: r.fromAccountId,
    device_type_id: r.deviceTypeId,
    user_id: r.userId,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}
export type TransferRuleJson = ReturnType<typeof serializeRule>;

/**
 * `POST transfer_rules`: an admin of the destination (`company_id`, default the primary account)
 * trusts `from_company_id`; the optional override must be a device type of the destination. The
 * sender need not be a partner yet.
 */
export async function createTransferRule(ctx: Ctx, input: unknown) {
  const body = parseInput(transferRuleCreateSchema, input);
  const destination = targetAccount(ctx.actor, body.company_id, "transfers.decide");
  const problems: string[] = [];
  const [sender] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, body.from_company_id)).limit(1);
  if (!sender) throw notFound("company");
  if (sender.id === destination) problems.push("from_company_id: must be another account than the destination");
  if (body.device_type_id) {
    const [type] = await ctx.db.select({ accountId: deviceTypes.accountId }).from(deviceTypes).where(eq(deviceTypes.id, body.device_type_id)).limit(1);
    if (!type || type.accountId !== destination) problems.push("device_type_id: is not a device type of the destination account");
  }
  if (problems.length) throw invalid("invalid transfer rule", { messages: problems });
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(transferRules)
        .values({ accountId: destination, fromAccountId: sender.id, deviceTypeId: body.device_type_id, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null })
        .returning();
      await recordAudit(tx, ctx.actor, {
        accountIds: destination,
        action: "transfer_rule.create",
        subjectType: "transfer_rule",
        subjectId: row.id,
        detail: { from_company_id: sender.id, device_type_id: body.device_type_id },
      });
      return serializeRule(row);
    });
  } catch (err) {
    if (uniqueViolation(err)?.constraint === "transfer_rules_pair_key") {
      throw new AppError("conflict", "this sender is already trusted", { messages: [`from_company_id: ${sender.id} already has a rule for this account; delete it first`] });
    }
    throw err;
  }
}

const FIELDS: FieldSpecs = {
  _id: { column: transferRules.id, type: "string" },
  company_id: { column: transferRules.accountId, type: "string" },
  from_company_id: { column: transferRules.fromAccountId, type: "string" },
  device_type_id: { column: transferRules.deviceTypeId, type: "string" },
  created_at: { column: transferRules.createdAt, type: "date" },
  updated_at: { column: transferRules.updatedAt, type: "date" },
};

/** `GET transfer_rules`: the rules of the accounts the actor sees (as the destination). */
export async function listTransferRules(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: transferRules.id });
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  const where = and(inArray(transferRules.accountId, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "transfer-rules.csv",
      columns: ["_id", "company_id", "from_company_id", "device_type_id", "user_id", "created_at", "updated_at"],
      read: (after, limit) => ctx.db.select({ row: transferRules, ...selection }).from(transferRules).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeRule(r.row),
    });
  }
  const rows = await paginate(ctx.db.select().from(transferRules).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, transferRules, where, q, rows.length);
  return listBody(q, rows.map(serializeRule), total);
}

/** `DELETE transfer_rules/{id}`: admins of the destination; 404 for anyone who cannot see it. */
export async function deleteTransferRule(ctx: Ctx, id: string) {
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound("transfer rule");
  const [rule] = await ctx.db.select().from(transferRules).where(and(eq(transferRules.id, id), inArray(transferRules.accountId, ids))).limit(1);
  if (!rule) throw notFound("transfer rule");
  requirePermission(ctx.actor, rule.accountId, "transfers.decide", "transfer rule");
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx.delete(transferRules).where(eq(transferRules.id, id)).returning();
    if (!gone) throw notFound("transfer rule");
    await recordAudit(tx, ctx.actor, {
      accountIds: rule.accountId,
      action: "transfer_rule.delete",
      subjectType: "transfer_rule",
      subjectId: rule.id,
      detail: { from_company_id: rule.fromAccountId, device_type_id: rule.deviceTypeId },
    });
    return serializeRule(gone);
  });
}
