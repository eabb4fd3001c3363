import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/secrets";
import { AppError, conflict, parseInput, uniqueViolation } from "@/lib/errors";
import { signupSchema } from "./schemas";
import { issueSessionToken, userWithMemberships } from "./sessions";
import { createUserByInvitation } from "./signup-invitation";

export function signupOpen(): boolean {
  return (process.env.HANDOFF_SIGNUP ?? "open").toLowerCase() !== "closed";
}

/** Creates an account with its first admin. Returns the user id. */
export async function createAccountWithAdmin(db: Db, input: unknown): Promise<{ userId: string; accountId: string }> {
  if (!signupOpen()) throw new AppError("forbidden", "sign-up is closed on this installation");
  const body = parseInput(signupSchema, input);
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction(async (tx) => {
      const [account] = await tx.insert(accounts).values({ name: body.company_name }).returning();
      const [user] = await tx
        .insert(users)
        .values({
          email: body.email,
          passwordHash,
          firstName: body.first_name ?? "",
          lastName: body.last_name ?? "",
          primaryAccountId: account.id,
        })
        .returning();
      await tx.update(accounts).set({ createdByUserId: user.id }).where(eq(accounts.id, account.id));
      await tx.insert(memberships).values({ userId: user.id, accountId: account.id, role: "admin" });
      await recordAudit(tx, { kind: "user", userId: user.id, email: user.email, primaryAccountId: account.id, via: "browser", roles: new Map() }, {
        accountIds: account.id,
        action: "account.create",
        subjectType: "company",
        subjectId: account.id,
        detail: { name: account.name },
      });
      return { userId: user.id, accountId: account.id };
    });
  } catch (err) {
    if (uniqueViolation(err)?.constraint === "users_email_key") throw conflict("an account with this email already exists");
    throw err;
  }
}

function hasInvitationToken(input: unknown): boolean {
  return typeof input === "object" && input !== null && Object.hasOwn(input, "invitation_token");
}

/**
 * `POST user/signup`: the account, its admin, and a session token — or, with `invitation_token`
 * instead of `company_name`, a new member of the inviting account.
 */
export async function signup(db: Db, input: unknown) {
  const { userId } = hasInvitationToken(input) ? await createUserByInvitation(db, input) : await createAccountWithAdmin(db, input);
  const session = await issueSessionToken(db, userId);
  return { ...session, ...(await userWithMemberships(db, userId)) };
}
