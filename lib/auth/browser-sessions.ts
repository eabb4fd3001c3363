import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { browserSessions } from "@/db/schema";

/** A browser session lasts 12 hours from sign-in, whatever the cookie's own expiry says. */
export const BROWSER_SESSION_SECONDS = 60 * 60 * 12;

export async function createBrowserSession(db: Db, userId: string): Promise<string> {
  // The user's expired sessions go at each sign-in, so the table holds live sessions only.
  await db.delete(browserSessions).where(and(eq(browserSessions.userId, userId), sql`${browserSessions.expiresAt} <= now()`));
  const [row] = await db
    .insert(browserSessions)
    .values({ userId, expiresAt: new Date(Date.now() + BROWSER_SESSION_SECONDS * 1000) })
    .returning({ id: browserSessions.id });
  return row.id;
}

/** Whether the cookie's session still exists on the server (not signed out, not ended, not expired). */
export async function browserSessionActive(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: browserSessions.id })
    .from(browserSessions)
    .where(and(eq(browserSessions.id, sessionId), eq(browserSessions.userId, userId), gt(browserSessions.expiresAt, sql`now()`)))
    .limit(1);
  return row != null;
}

export async function endBrowserSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(browserSessions).where(eq(browserSessions.id, sessionId));
}

/** Ends every browser session of the user except `keep` (the one asking), if given. */
export async function endBrowserSessionsOf(db: Db, userId: string, keep?: string): Promise<number> {
  const rows = await db
    .delete(browserSessions)
    .where(and(eq(browserSessions.userId, userId), keep ? ne(browserSessions.id, keep) : undefined))
    .returning({ id: browserSessions.id });
  // Expired rows of anyone are swept here too, so the table does not grow without bound.
  await db.delete(browserSessions).where(sql`${browserSessions.expiresAt} < now() - interval '1 day'`);
  return rows.length;
}

export type SessionJwt = Record<string, unknown>;

/**
 * The next-auth `jwt` callback's check on every request: a cookie is good only while its server
 * session row is. Returns false for a cookie without one (signed out, ended, or from before
 * sessions were kept on the server) — next-auth then clears the cookie and the user signs in again.
 */
export async function jwtSessionValid(db: Db, token: SessionJwt): Promise<boolean> {
  if (typeof token.uid !== "string" || typeof token.sid !== "string") return false;
  return browserSessionActive(db, token.sid, token.uid);
}
