import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { devices, deviceTypes, escrowDevices } from "./devices";
import { newId } from "./ids";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const TRANSFER_STATUSES = ["pending", "accepted", "rejected", "cancelled", "expired"] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const transferRequests = pgTable(
  "transfer_requests",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    fromAccountId: text("from_account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    toAccountId: text("to_account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * The originating type. Set null when a type only decided requests used is deleted; a trigger
     * (migration 0001) refuses to delete a type that a pending request uses.
     */
    deviceTypeId: text("device_type_id").references(() => deviceTypes.id, { onDelete: "set null" }),
    deviceCount: integer("device_count").notNull(),
    status: text("status").$type<TransferStatus>().notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
    transferredAt: ts("transferred_at"),
    resolvedDeviceTypeId: text("resolved_device_type_id").references(() => deviceTypes.id, { onDelete: "set null" }),
    /** How the device type was resolved on accept: override | reuse | copy. */
    resolution: text("resolution"),
    errors: jsonb("errors").$type<Record<string, string>>(),
    reason: text("reason"),
    /** Set when a trusted-sender rule accepted the request in the transaction that created it. */
    acceptedByRuleId: text("accepted_by_rule_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("transfer_requests_from_idx").on(t.fromAccountId, t.createdAt),
    index("transfer_requests_to_idx").on(t.toAccountId, t.status, t.createdAt),
    index("transfer_requests_pending_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending'`),
    check("transfer_requests_accounts_differ", sql`${t.fromAccountId} <> ${t.toAccountId}`),
    check(
      "transfer_requests_status_check",
      sql`${t.status} in ('pending', 'accepted', 'rejected', 'cancelled', 'expired')`,
    ),
    check("transfer_requests_device_count_check", sql`${t.deviceCount} between 1 and 10000`),
  ],
);

export const ITEM_STATES = ["pending", "transferred", "failed", "released"] as const;
export type TransferItemState = (typeof ITEM_STATES)[number];

/**
 * One row per escrow device in a request. The partial unique index is the database's guarantee
 * that an escrow device is in at most one pending request.
 */
export const transferRequestItems = pgTable(
  "transfer_request_items",
  {
    requestId: text("request_id")
      .notNull()
      .references(() => transferRequests.id, { onDelete: "cascade" }),
    escrowDeviceId: text("escrow_device_id")
      .notNull()
      .references(() => escrowDevices.id, { onDelete: "cascade" }),
    uniqueId: text("unique_id").notNull(),
    state: text("state").$type<TransferItemState>().notNull().default("pending"),
    deviceId: text("device_id").references(() => devices.id, { onDelete: "set null" }),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.escrowDeviceId] }),
    uniqueIndex("transfer_request_items_one_pending_key").on(t.escrowDeviceId).where(sql`${t.state} = 'pending'`),
    check("transfer_request_items_state_check", sql`${t.state} in ('pending', 'transferred', 'failed', 'released')`),
  ],
);

/**
 * Trusted senders: requests from `fromAccountId` to `accountId` (the destination) are accepted
 * the moment they are created, with `deviceTypeId` (a type of the destination) as the override.
 * At most one rule per (destination, sender).
 */
export const transferRules = pgTable(
  "transfer_rules",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    fromAccountId: text("from_account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    deviceTypeId: text("device_type_id").references(() => deviceTypes.id, { onDelete: "restrict" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("transfer_rules_pair_key").on(t.accountId, t.fromAccountId),
    check("transfer_rules_accounts_differ", sql`${t.fromAccountId} <> ${t.accountId}`),
  ],
);
