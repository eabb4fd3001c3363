import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import type { Role } from "@/db/schema";

export type UserVia = "browser" | "session_token" | "api_token";

export interface UserActor {
  kind: "user";
  userId: string;
  email: string;
  primaryAccountId: string;
  via: UserVia;
  /** The API token or session token that authenticated the request, if any. */
  tokenId?: string;
  /** Effective role per visible account: direct memberships and their sub-accounts. */
  roles: Map<string, Role>;
}

export interface GatewayActor {
  kind: "gateway";
  uniqueId: string;
  escrowDeviceId?: string;
  deviceId?: string;
}

export interface SystemActor {
  kind: "system";
  label?: string;
}

export type Actor = UserActor | GatewayActor | SystemActor;

export const ROLE_RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3 };

/**
 * Effective roles of a user: each direct membership, and the same role in every sub-account below
 * it (the higher role wins where both apply). Re-read on every request, never cached in a session.
 */
export async function loadEffectiveRoles(db: Db, userId: string): Promise<Map<string, Role>> {
  const rows = await queryRows<{ account_id: string; role: Role }>(db, sql`
    with recursive r(account_id, role, depth) as (
      select account_id, role, 0 from memberships where user_id = ${userId}
      union all
      select a.id, r.role, r.depth + 1 from accounts a join r on a.parent_id = r.account_id where r.depth < 32
    )
    select account_id, role from r`);
  const roles = new Map<string, Role>();
  for (const row of rows) {
    const cur = roles.get(row.account_id);
    if (!cur || ROLE_RANK[row.role] > ROLE_RANK[cur]) roles.set(row.account_id, row.role);
  }
  return roles;
}

export async function loadUserActor(db: Db, userId: string, via: UserVia, tokenId?: string): Promise<UserActor | null> {
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) });
  if (!user) return null;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    primaryAccountId: user.primaryAccountId,
    via,
    tokenId,
    roles: await loadEffectiveRoles(db, user.id),
  };
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === "user") return actor.email;
  if (actor.kind === "gateway") return actor.uniqueId;
  return actor.label ?? "system";
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}
