import { and, eq, ne } from "drizzle-orm";
import { sessionTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { endBrowserSessionsOf } from "@/lib/auth/browser-sessions";
import { requireUser } from "@/lib/auth/permissions";
import { hashPassword, verifyPassword } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { invalid, parseInput } from "@/lib/errors";
import { passwordChangeSchema } from "./schemas";

/**
 * `POST user/password`: needs the current password; ends every OTHER browser session and session
 * token of the user (the one asking keeps working). Permanent API tokens stay until revoked.
 */
export async function changePassword(ctx: Ctx, input: unknown) {
  const actor = requireUser(ctx.actor);
  const body = parseInput(passwordChangeSchema, input);
  const user = await ctx.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, actor.userId) });
  if (!user || !(await verifyPassword(body.current_password, user.passwordHash))) {
    throw invalid("invalid input", {
      messages: ["current_password: is not your current password"],
      fieldErrors: { current_password: ["is not your current password"] },
    });
  }
  if (body.new_password === body.current_password) {
    throw invalid("invalid input", {
      messages: ["new_password: must differ from the current password"],
      fieldErrors: { new_password: ["must differ from the current password"] },
    });
  }
  const passwordHash = await hashPassword(body.new_password);
  const keepBrowser = actor.via === "browser" ? actor.tokenId : undefined;
  const keepToken = actor.via === "session_token" ? actor.tokenId : undefined;
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    const browser = await endBrowserSessionsOf(tx, actor.userId, keepBrowser);
    const tokens = await tx
      .delete(sessionTokens)
      .where(and(eq(sessionTokens.userId, actor.userId), keepToken ? ne(sessionTokens.id, keepToken) : undefined))
      .returning({ id: sessionTokens.id });
    await recordAudit(tx, ctx.actor, {
      accountIds: actor.primaryAccountId,
      action: "user.password_change",
      subjectType: "user",
      subjectId: actor.userId,
      detail: { ended_browser_sessions: browser, ended_session_tokens: tokens.length },
    });
    return { password_changed: true, ended_sessions: browser + tokens.length };
  });
}

/** `DELETE user/sessions` ("sign out everywhere"): every browser session and session token of the user. */
export async function endAllSessions(ctx: Ctx) {
  const actor = requireUser(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const browser = await endBrowserSessionsOf(tx, actor.userId);
    const tokens = await tx.delete(sessionTokens).where(eq(sessionTokens.userId, actor.userId)).returning({ id: sessionTokens.id });
    await recordAudit(tx, ctx.actor, {
      accountIds: actor.primaryAccountId,
      action: "session.end_all",
      subjectType: "user",
      subjectId: actor.userId,
      detail: { ended_browser_sessions: browser, ended_session_tokens: tokens.length },
    });
    return { ended_sessions: browser + tokens.length };
  });
}
