import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/secrets";
import { conflict, invalid, notFound, parseInput, uniqueViolation } from "@/lib/errors";
import { acceptInTx, invitationByToken } from "./invitation-decide";
import { invitationSignupSchema } from "./schemas";

/**
 * A new user signs up through an invitation (`POST user/signup` with `invitation_token`): the
 * email must be the invited one; the user joins that account with the invited role. Works while
 * self-service sign-up is closed — being invited is how people join then.
 */
export async function createUserByInvitation(db: Db, input: unknown): Promise<{ userId: string; accountId: string }> {
  const body = parseInput(invitationSignupSchema, input);
  const found = await invitationByToken(db, body.invitation_token);
  if (!found) throw notFound("invitation");
  if (found.invitation.email !== body.email) {
    throw invalid("invalid input", {
      messages: ["email: is not the address this invitation was sent to"],
      fieldErrors: { email: ["is not the address this invitation was sent to"] },
    });
  }
  if (found.status !== "pending") throw conflict(`this invitation is ${found.status}, no longer pending`);
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email: body.email,
          passwordHash,
          firstName: body.first_name ?? "",
          lastName: body.last_name ?? "",
          primaryAccountId: found.invitation.accountId,
        })
        .returning();
      const actor = { kind: "user" as const, userId: user.id, email: user.email, primaryAccountId: user.primaryAccountId, via: "browser" as const, roles: new Map() };
      await acceptInTx(tx, actor, found.invitation);
      return { userId: user.id, accountId: found.invitation.accountId };
    });
  } catch (err) {
    if (uniqueViolation(err)?.constraint === "users_email_key") throw conflict("an account with this email already exists — sign in to accept the invitation");
    throw err;
  }
}
