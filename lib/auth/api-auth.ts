import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, sessionTokens } from "@/db/schema";
import { unauthenticated } from "@/lib/errors";
import { loadUserActor, type UserActor } from "./actor";
import { digest } from "./secrets";

/** The token of an `Authorization: <token>` or `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const v = header.trim();
  const m = /^Bearer\s+(.+)$/i.exec(v);
  const token = (m ? m[1] : v).trim();
  return token.length >= 16 && token.length <= 512 && !/\s/.test(token) ? token : null;
}

/** A session token or a permanent API token → the user acting, or 401. */
export async function authenticateToken(db: Db, header: string | null): Promise<UserActor> {
  const token = bearerToken(header);
  if (!token) throw unauthenticated("missing or malformed Authorization header");
  const d = digest(token);
  const [session] = await db
    .select({ id: sessionTokens.id, userId: sessionTokens.userId })
    .from(sessionTokens)
    .where(and(eq(sessionTokens.tokenDigest, d), gt(sessionTokens.expiresAt, sql`now()`)))
    .limit(1);
  if (session) {
    const actor = await loadUserActor(db, session.userId, "session_token", session.id);
    if (actor) return actor;
  }
  const [api] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenDigest, d), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (api) {
    // Bounded write rate: last_used_at moves at most once a minute per token.
    if (!api.lastUsedAt || Date.now() - api.lastUsedAt.getTime() > 60_000) {
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, api.id));
    }
    const actor = await loadUserActor(db, api.userId, "api_token", api.id);
    if (actor) return actor;
  }
  throw unauthenticated("invalid or expired token");
}
