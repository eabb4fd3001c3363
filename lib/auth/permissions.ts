import type { Role } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { type Actor, ROLE_RANK, type UserActor } from "./actor";

/** The one role → permission map (SPEC §3). */
export const PERMISSIONS = {
  "account.read": "viewer",
  "devices.write": "member",
  "transfers.create": "member",
  "transfers.cancel": "member",
  "transfers.decide": "admin",
  "account.admin": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function roleIn(actor: Actor, accountId: string): Role | null {
  return actor.kind === "user" ? (actor.roles.get(accountId) ?? null) : null;
}

export function can(actor: Actor, accountId: string, permission: Permission): boolean {
  if (actor.kind === "system") return true;
  const role = roleIn(actor, accountId);
  return role != null && ROLE_RANK[role] >= ROLE_RANK[PERMISSIONS[permission]];
}

/**
 * Throws 404 when the account is not visible to the actor at all (never reveal it exists) and 403
 * when it is visible but the role is too low.
 */
export function requirePermission(actor: Actor, accountId: string, permission: Permission, what = "resource"): void {
  if (actor.kind === "system") return;
  if (actor.kind !== "user" || !actor.roles.has(accountId)) throw notFound(what);
  if (!can(actor, accountId, permission)) {
    throw new AppError("forbidden", `your role does not allow this (${PERMISSIONS[permission]} or higher needed)`);
  }
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("forbidden", "a user is required");
  return actor;
}

/** Account ids whose data the actor may read. */
export function visibleAccountIds(actor: Actor): string[] {
  return actor.kind === "user" ? [...actor.roles.keys()] : [];
}

/**
 * The account a create acts in: the given `company_id` (must be visible, else 404) or the user's
 * primary account (or, failing that, the first account where the permission holds).
 */
export function targetAccount(actor: Actor, companyId: string | undefined | null, permission: Permission): string {
  const user = requireUser(actor);
  if (companyId) {
    requirePermission(user, companyId, permission, "company");
    return companyId;
  }
  if (can(user, user.primaryAccountId, permission)) return user.primaryAccountId;
  for (const id of user.roles.keys()) if (can(user, id, permission)) return id;
  requirePermission(user, user.primaryAccountId, permission, "company");
  return user.primaryAccountId;
}
