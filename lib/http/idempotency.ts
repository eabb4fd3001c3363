import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError, invalid } from "@/lib/errors";

export const IDEMPOTENCY_TTL_HOURS = 24;
const MAX_KEY_LENGTH = 255;
/** How long a retry waits for the first request with its key to finish before answering 409. */
const WAIT_FOR_FIRST_MS = 15_000;

export interface StoredAnswer {
  status: number;
  body: string;
  contentType: string;
}

function scopeOf(actor: Actor): string {
  if (actor.kind === "user") return `user:${actor.userId}`;
  if (actor.kind === "gateway") return `gateway:${actor.uniqueId}`;
  return "system";
}

export function fingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

export function parseKey(raw: string | null): string | null {
  if (raw == null) return null;
  const key = raw.trim();
  if (!key || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw invalid("invalid Idempotency-Key", { messages: [`Idempotency-Key must be 1–${MAX_KEY_LENGTH} visible ASCII characters`] });
  }
  return key;
}

export type Claim = { kind: "first" } | { kind: "replay"; answer: StoredAnswer };

/**
 * Claims `key` for this caller, or returns the answer stored under it. The claim is a row inserted
 * with ON CONFLICT DO NOTHING, so of two concurrent requests exactly one runs; the other waits for
 * its answer and replays it. The same key with another method, path or body is a 422.
 */
export async function claimKey(db: Db, actor: Actor, key: string, print: string): Promise<Claim> {
  const scope = scopeOf(actor);
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), lt(idempotencyKeys.expiresAt, sql`now()`)));
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ scope, key, fingerprint: print, expiresAt: sql`now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})` })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return { kind: "first" };

  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!row) return claimKey(db, actor, key, print); // the first request failed and let go of the key
    if (row.fingerprint !== print) {
      throw new AppError("unprocessable", "Idempotency-Key reused with a different request", {
        messages: ["this Idempotency-Key was used with another request (method, path or body); use a new key"],
      });
    }
    if (row.status != null) return { kind: "replay", answer: { status: row.status, body: row.body ?? "", contentType: row.contentType ?? "application/json" } };
    if (Date.now() > deadline) throw new AppError("conflict", "a request with this Idempotency-Key is still in progress");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stores the first answer (anything but a 5xx, which lets go of the key so a retry runs again). */
export async function settleKey(db: Db, actor: Actor, key: string, answer: StoredAnswer): Promise<void> {
  const where = and(eq(idempotencyKeys.scope, scopeOf(actor)), eq(idempotencyKeys.key, key));
  if (answer.status >= 500) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  await db.update(idempotencyKeys).set({ status: answer.status, body: answer.body, contentType: answer.contentType }).where(where);
}

export async function releaseKey(db: Db, actor: Actor, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scopeOf(actor)), eq(idempotencyKeys.key, key)));
}

/** Drops answers past their 24 h (run periodically by the background worker). */
export async function sweepExpiredKeys(db: Db): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, sql`now()`)).returning({ key: idempotencyKeys.key });
  return gone.length;
}
