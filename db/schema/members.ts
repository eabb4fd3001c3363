import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, type Role, users } from "./accounts";
import { newId } from "./ids";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** `expired` is never stored: a pending invitation past `expires_at` reads as expired. */
export const INVITATION_STATUSES = ["pending", "accepted", "declined", "revoked", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation to join an account: only the SHA-256 digest of its one-time token is kept. */
export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role").$type<Role>().notNull(),
    status: text("status").$type<Exclude<InvitationStatus, "expired">>().notNull().default("pending"),
    tokenDigest: text("token_digest").notNull(),
    invitedByUserId: text("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    decidedByUserId: text("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    decidedAt: ts("decided_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_digest_key").on(t.tokenDigest),
    // One open invitation per person and account: inviting again replaces it.
    uniqueIndex("invitations_one_pending_key").on(t.accountId, t.email).where(sql`${t.status} = 'pending'`),
    index("invitations_email_idx").on(t.email),
    index("invitations_account_created_idx").on(t.accountId, t.createdAt),
    check("invitations_role_check", sql`${t.role} in ('viewer', 'member', 'admin')`),
    check("invitations_status_check", sql`${t.status} in ('pending', 'accepted', 'declined', 'revoked')`),
    check("invitations_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * Server-side browser sessions: the portal's signed cookie carries this row's id, and a request
 * is signed in only while the row exists and has not expired. Sign-out deletes the row.
 */
export const browserSessions = pgTable(
  "browser_sessions",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: ts("expires_at").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("browser_sessions_user_idx").on(t.userId)],
);
