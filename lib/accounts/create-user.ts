import { memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { can, requirePermission } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/secrets";
import type { Ctx } from "@/lib/context";
import { conflict, parseInput, uniqueViolation } from "@/lib/errors";
import { insertToken } from "./api-tokens";
import { createUserSchema } from "./schemas";
import { serializeUser } from "./serialize";

/** Says nothing about the account that has the email: not its id, name or accounts. */
const EMAIL_TAKEN = "this email already has an account — invite it";

/**
 * `POST users` (API.md §7): creates a NEW user with a password, a member of `company_id` and of
 * each `company_ids` entry the caller administers, and returns it with its permanent `api_token`
 * (EdgeIQ scripts act as the new user with it). An email that already has an account is a 409
 * that adds nobody: existing people join only by accepting an invitation.
 */
export async function createUser(ctx: Ctx, input: unknown) {
  const body = parseInput(createUserSchema, input);
  const role = body.role;
  requirePermission(ctx.actor, body.company_id, "account.admin", "company");
  const accountIds = [body.company_id, ...(body.company_ids ?? []).filter((id) => id !== body.company_id && can(ctx.actor, id, "account.admin"))];
  const unique = [...new Set(accountIds)];
  // Hashed before the insert finds out whether the email is taken: both answers take as long.
  const passwordHash = await hashPassword(body.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email: body.email,
          passwordHash,
          firstName: body.first_name ?? "",
          lastName: body.last_name ?? "",
          primaryAccountId: body.company_id,
        })
        .onConflictDoNothing({ target: users.email })
        .returning();
      if (!user) throw conflict(EMAIL_TAKEN);
      await tx.insert(memberships).values(unique.map((accountId) => ({ userId: user.id, accountId, role })));
      const { row, token } = await insertToken(tx, user.id, "API token (created with the user)");
      await recordAudit(tx, ctx.actor, {
        accountIds: unique,
        action: "member.add",
        subjectType: "user",
        subjectId: user.id,
        detail: { email: user.email, role, new_user: true, api_token_hint: row.tokenHint },
      });
      const ms = unique.map((accountId) => ({ accountId, role }));
      return { ...serializeUser(user, ms), user_type_id: role, api_token: token };
    });
  } catch (err) {
    if (uniqueViolation(err)?.constraint === "users_email_key") throw conflict(EMAIL_TAKEN);
    throw err;
  }
}
