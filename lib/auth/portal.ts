import { inArray } from "drizzle-orm";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { accounts, type Role } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { loadUserActor, type UserActor } from "./actor";
import { auth } from "./next-auth";

export const ACCOUNT_COOKIE = "handoff_account";

export interface PortalAccount {
  id: string;
  name: string;
  role: Role;
  parentId: string | null;
}

export interface Portal extends Ctx {
  actor: UserActor;
  /** The current account: the cookie's choice when the user (still) belongs to it. */
  account: PortalAccount;
  accounts: PortalAccount[];
}

/**
 * The signed-in user's context for pages and server actions. Re-reads memberships every
 * request; a stale or forged account cookie falls back to the primary account.
 */
export const getPortal = cache(async (): Promise<Portal> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect("/sign-in");
  const db = await getDb();
  // auth() has already checked the server-side session row (lib/auth/next-auth.ts).
  const sessionId = (session as { sessionId?: string }).sessionId;
  const actor = await loadUserActor(db, userId, "browser", sessionId);
  if (!actor) redirect("/sign-in");
  const ids = [...actor.roles.keys()];
  const rows = ids.length ? await db.select().from(accounts).where(inArray(accounts.id, ids)) : [];
  const list: PortalAccount[] = rows
    .map((a) => ({ id: a.id, name: a.name, parentId: a.parentId, role: actor.roles.get(a.id)! }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!list.length) redirect("/no-account");
  const wanted = (await cookies()).get(ACCOUNT_COOKIE)?.value;
  const account = list.find((a) => a.id === wanted) ?? list.find((a) => a.id === actor.primaryAccountId) ?? list[0];
  return { db, actor, account, accounts: list };
});

/**
 * The signed-in user, or null — for pages outside the portal (the /invite page) that must work
 * for a user with no account yet. The session row is checked by auth() as everywhere.
 */
export const getSignedInUser = cache(async (): Promise<Ctx & { actor: UserActor } | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const db = await getDb();
  const actor = await loadUserActor(db, userId, "browser", (session as { sessionId?: string }).sessionId);
  return actor ? { db, actor } : null;
});
