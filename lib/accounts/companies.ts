import { and, asc, eq, inArray } from "drizzle-orm";
import { accounts } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { notFound, parseInput } from "@/lib/errors";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";
import { companyCreateSchema } from "./schemas";
import { serializeCompany } from "./serialize";

const FIELDS: FieldSpecs = {
  _id: { column: accounts.id, type: "string" },
  name: { column: accounts.name, type: "string" },
  company_id: { column: accounts.parentId, type: "string" },
  created_at: { column: accounts.createdAt, type: "date" },
  updated_at: { column: accounts.updatedAt, type: "date" },
};

/** `GET companies` (API.md §1 list conventions): the accounts the actor can see. */
export async function listCompanies(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "name", tieBreaker: accounts.id });
  const ids = visibleAccountIds(ctx.actor);
  if (ids.length === 0 && q.format === "json") return listBody(q, [], 0);
  const where = and(inArray(accounts.id, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "companies.csv",
      columns: ["_id", "name", "company_id", "user_id", "created_at", "updated_at"],
      read: (after, limit) => ctx.db.select({ row: accounts, ...selection }).from(accounts).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeCompany(r.row),
    });
  }
  const rows = await paginate(ctx.db.select().from(accounts).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, accounts, where, q, rows.length);
  return listBody(q, rows.map(serializeCompany), total);
}

export async function getCompany(ctx: Ctx, id: string) {
  requirePermission(ctx.actor, id, "account.read", "company");
  const row = await ctx.db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.id, id) });
  if (!row) throw notFound("company");
  return serializeCompany(row);
}

/** `GET companies/{id}/public`: the name of ANY account, so a destination can be confirmed. */
export async function getPublicCompany(ctx: Ctx, id: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound("company");
  const [row] = await ctx.db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!row) throw notFound("company");
  return { _id: row.id, name: row.name };
}

export async function createSubAccount(ctx: Ctx, input: unknown) {
  const body = parseInput(companyCreateSchema, input);
  requirePermission(ctx.actor, body.company_id, "account.admin", "company");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({ name: body.name, parentId: body.company_id, createdByUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null })
      .returning();
    await recordAudit(tx, ctx.actor, {
      accountIds: [body.company_id, row.id],
      action: "account.create_sub_account",
      subjectType: "company",
      subjectId: row.id,
      detail: { name: row.name, parent_id: body.company_id },
    });
    return serializeCompany(row);
  });
}

/** Sub-accounts directly below an account the actor may read. */
export async function listSubAccounts(ctx: Ctx, parentId: string) {
  requirePermission(ctx.actor, parentId, "account.read", "company");
  const rows = await ctx.db.select().from(accounts).where(eq(accounts.parentId, parentId)).orderBy(asc(accounts.name));
  return rows.map(serializeCompany);
}
