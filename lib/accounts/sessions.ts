import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, sessionTokens } from "@/db/schema";
import { digest, randomToken, verifyPassword } from "@/lib/auth/secrets";
import { notFound, parseInput, unauthenticated } from "@/lib/errors";
import { authenticateSchema } from "./schemas";
import { serializeUser } from "./serialize";

export const DEFAULT_SESSION_SECONDS = 60 * 60 * 24;

export async function issueSessionToken(db: Db, userId: string, seconds = DEFAULT_SESSION_SECONDS) {
  const token = randomToken("hs_");
  const expiresAt = new Date(Date.now() + seconds * 1000);
  await db.insert(sessionTokens).values({ userId, tokenDigest: digest(token), expiresAt });
  return { session_token: token, session_expires_at: expiresAt.toISOString() };
}

/** Checks an email + password. Unknown email and wrong password take the same path and time. */
export async function verifyCredentials(db: Db, emailRaw: string, password: string) {
  const email = emailRaw.trim().toLowerCase();
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) });
  const ok = await verifyPassword(password, user?.passwordHash);
  return ok && user ? user : null;
}

export async function userWithMemberships(db: Db, userId: string) {
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) });
  if (!user) throw notFound("user");
  const ms = await db
    .select({ accountId: memberships.accountId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt);
  return serializeUser(user, ms);
}

/** `POST user/authenticate`. */
export async function authenticate(db: Db, input: unknown) {
  const body = parseInput(authenticateSchema, input);
  const user = await verifyCredentials(db, body.email, body.password);
  if (!user) throw unauthenticated("invalid email or password");
  const session = await issueSessionToken(db, user.id, body.token_expiry);
  return { ...session, ...(await userWithMemberships(db, user.id)) };
}

/** `DELETE user/session`: ends the session token used for this request. */
export async function endSession(db: Db, userId: string, sessionTokenId: string | undefined) {
  if (!sessionTokenId) return { ended: false };
  const res = await db
    .delete(sessionTokens)
    .where(and(eq(sessionTokens.id, sessionTokenId), eq(sessionTokens.userId, userId)))
    .returning({ id: sessionTokens.id });
  return { ended: res.length > 0 };
}

