import { and, inArray } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { iso } from "@/lib/http/respond";
import { csvExport, keyset } from "@/lib/list/csv-export";
import { type FieldSpecs, listBody, listTotal, paginate, parseListQuery } from "@/lib/list/query";

const FIELDS: FieldSpecs = {
  company_id: { column: auditEvents.accountId, type: "string" },
  action: { column: auditEvents.action, type: "string" },
  subject_id: { column: auditEvents.subjectId, type: "string" },
  subject_type: { column: auditEvents.subjectType, type: "string" },
  actor_type: { column: auditEvents.actorType, type: "string" },
  actor_id: { column: auditEvents.actorId, type: "string" },
  actor: { column: auditEvents.actorLabel, type: "string" },
  created_at: { column: auditEvents.createdAt, type: "date" },
};

export function serializeEvent(e: typeof auditEvents.$inferSelect) {
  return {
    _id: e.id,
    company_id: e.accountId,
    actor_type: e.actorType,
    actor_id: e.actorId,
    actor: e.actorLabel,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    detail: e.detail,
    created_at: iso(e.createdAt),
  };
}

/** `GET events`: the audit trail of the actor's accounts, newest first. */
export async function listEvents(ctx: Ctx, params: URLSearchParams) {
  const q = parseListQuery(params, FIELDS, { defaultOrder: "-created_at", tieBreaker: auditEvents.id });
  const ids = visibleAccountIds(ctx.actor);
  if (!ids.length && q.format === "json") return listBody(q, [], 0);
  const where = and(inArray(auditEvents.accountId, ids), q.where);
  if (q.format === "csv") {
    const { selection } = keyset(q);
    return csvExport({
      q,
      filename: "events.csv",
      columns: ["_id", "created_at", "company_id", "actor_type", "actor_id", "actor", "action", "subject_type", "subject_id", "detail"],
      read: (after, limit) => ctx.db.select({ row: auditEvents, ...selection }).from(auditEvents).where(and(where, after)).orderBy(...q.orderBy).limit(limit),
      toRecord: (r) => serializeEvent(r.row),
    });
  }
  const rows = await paginate(ctx.db.select().from(auditEvents).where(where).$dynamic(), q);
  const total = await listTotal(ctx.db, auditEvents, where, q, rows.length);
  return listBody(q, rows.map(serializeEvent), total);
}
