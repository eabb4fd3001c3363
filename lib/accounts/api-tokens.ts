import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, requireUser } from "@/lib/auth/permissions";
import { digest, randomToken, tokenHint } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { notFound, parseInput, unauthenticated } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { apiTokenCreateSchema, authenticateSchema } from "./schemas";
import { verifyCredentials } from "./sessions";

/** A new permanent API token for the user: the row, and the clear token (shown once). */
export async function insertToken(db: Db, userId: string, name: string) {
  const token = randomToken("hk_");
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenDigest: digest(token), tokenHint: tokenHint(token) })
    .returning();
  return { row, token };
}

export function serializeApiToken(r: typeof apiTokens.$inferSelect) {
  return {
    _id: r.id,
    name: r.name,
    token_hint: r.tokenHint,
    last_used_at: iso(r.lastUsedAt),
    revoked_at: iso(r.revokedAt),
    created_at: iso(r.createdAt),
  };
}

/** API tokens are the user's own; listing shows hints only. */
export async function listApiTokens(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, user.userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map(serializeApiToken);
}

/**
 * Creates a token for the acting user; managing API tokens is an admin permission (SPEC §3), checked
 * in the account the request acts in. The clear token is in this return value and nowhere else.
 */
export async function createApiToken(ctx: Ctx, input: unknown, accountId?: string) {
  const user = requireUser(ctx.actor);
  const body = parseInput(apiTokenCreateSchema, input);
  const account = accountId ?? user.primaryAccountId;
  requirePermission(user, account, "account.admin", "company");
  return ctx.db.transaction(async (tx) => {
    const { row, token } = await insertToken(tx, user.userId, body.name);
    await recordAudit(tx, ctx.actor, {
      accountIds: account,
      action: "api_token.create",
      subjectType: "api_token",
      subjectId: row.id,
      detail: { name: row.name, token_hint: row.tokenHint },
    });
    return { ...serializeApiToken(row), api_token: token };
  });
}

export async function revokeApiToken(ctx: Ctx, tokenId: string) {
  const user = requireUser(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, user.userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound("api token");
    await recordAudit(tx, ctx.actor, {
      accountIds: user.primaryAccountId,
      action: "api_token.revoke",
      subjectType: "api_token",
      subjectId: row.id,
      detail: { name: row.name, token_hint: row.tokenHint },
    });
    return serializeApiToken(row);
  });
}

/** `POST user/api_token_reset`: a new permanent token; every earlier one stops working. */
export async function resetApiToken(db: Db, input: unknown) {
  const body = parseInput(authenticateSchema, input);
  const user = await verifyCredentials(db, body.email, body.password);
  if (!user) throw unauthenticated("invalid email or password");
  return db.transaction(async (tx) => {
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)));
    const { row, token } = await insertToken(tx, user.id, "API token (reset)");
    await recordAudit(
      tx,
      { kind: "user", userId: user.id, email: user.email, primaryAccountId: user.primaryAccountId, via: "session_token", roles: new Map() },
      { accountIds: user.primaryAccountId, action: "api_token.reset", subjectType: "api_token", subjectId: row.id, detail: { token_hint: row.tokenHint } },
    );
    return { api_token: token };
  });
}
