import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { transferRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission, requireUser, visibleAccountIds } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import type { TransferRow } from "./serialize";

/** A request visible to the actor (either side), else 404 — a third account never learns it exists. */
export async function loadVisibleTransfer(db: Db, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<TransferRow> {
  const ids = visibleAccountIds(actor);
  if (!ids.length || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound("device transfer request");
  const q = db
    .select()
    .from(transferRequests)
    .where(and(eq(transferRequests.id, id), or(inArray(transferRequests.fromAccountId, ids), inArray(transferRequests.toAccountId, ids))))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw notFound("device transfer request");
  return row;
}

/**
 * Both sides can see a request, so a user of the wrong side or role gets 403 (not 404).
 */
export function requireSide(actor: Actor, accountId: string, permission: Permission, what: string): void {
  requireUser(actor);
  if (!can(actor, accountId, permission)) throw new AppError("forbidden", what);
}

export function requirePending(t: TransferRow): void {
  if (t.status !== "pending") throw new AppError("conflict", `the transfer request is ${t.status}, not pending`);
  if (t.expiresAt && t.expiresAt.getTime() <= Date.now()) throw new AppError("conflict", "the transfer request has expired");
}

/**
 * The originating device type of a pending request. The database keeps it while the request is
 * pending (a trigger refuses the delete); only decided requests may have lost it.
 */
export function originTypeId(t: TransferRow): string {
  if (!t.deviceTypeId) throw new AppError("conflict", "the transfer request's device type no longer exists");
  return t.deviceTypeId;
}
