import type { Db } from "@/db/client";
import { type ActorType, auditEvents } from "@/db/schema";
import { type Actor, actorLabel } from "@/lib/auth/actor";
import type { AuditAction } from "@/lib/events/types";
import { recordWebhookEvents } from "@/lib/webhooks/outbox";

export interface AuditInput {
  /** One event per account: a transfer is recorded in the audit of both accounts. */
  accountIds: string | string[];
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  accountId: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

function actorType(actor: Actor): ActorType {
  if (actor.kind === "user") return actor.via === "api_token" ? "api_token" : "user";
  return actor.kind;
}

function actorId(actor: Actor): string | null {
  if (actor.kind === "user") return actor.userId;
  if (actor.kind === "gateway") return actor.deviceId ?? actor.escrowDeviceId ?? null;
  return null;
}

/**
 * Writes the audit event with `db` — pass the transaction so it commits with the change. Events
 * that are also webhook events go to the webhook outbox in the same transaction.
 */
export async function recordAudit(db: Db, actor: Actor, input: AuditInput): Promise<void> {
  const ids = [...new Set(Array.isArray(input.accountIds) ? input.accountIds : [input.accountIds])];
  if (ids.length === 0) return;
  await recordAuditMany(
    db,
    actor,
    ids.map((accountId) => ({ accountId, action: input.action, subjectType: input.subjectType, subjectId: input.subjectId ?? null, detail: input.detail })),
  );
}

/** The same event for many subjects in one statement (bulk imports, accepts). */
export async function recordAuditMany(db: Db, actor: Actor, rows: AuditRow[]): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(auditEvents).values(
      rows.slice(i, i + CHUNK).map((r) => ({
        accountId: r.accountId,
        actorType: actorType(actor),
        actorId: actorId(actor),
        actorLabel: actorLabel(actor),
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        detail: r.detail ?? {},
      })),
    );
  }
  await recordWebhookEvents(db, rows);
}
