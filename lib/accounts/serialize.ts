import type { Role } from "@/db/schema";
import { iso } from "@/lib/http/respond";

export interface UserRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  primaryAccountId: string;
  createdAt: Date;
  updatedAt: Date;
}

export function serializeUser(u: UserRow, memberships: { accountId: string; role: Role }[]) {
  return {
    _id: u.id,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    company_id: u.primaryAccountId,
    company_ids: memberships.map((m) => m.accountId),
    memberships: memberships.map((m) => ({ company_id: m.accountId, role: m.role })),
    created_at: iso(u.createdAt),
    updated_at: iso(u.updatedAt),
  };
}

export function serializeCompany(a: { id: string; name: string; parentId: string | null; createdAt: Date; updatedAt: Date; createdByUserId?: string | null }) {
  return {
    _id: a.id,
    name: a.name,
    company_id: a.parentId,
    user_id: a.createdByUserId ?? null,
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
  };
}
