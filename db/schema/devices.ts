import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import type { DeviceTypeKind } from "./device-type-kinds";
import { newId } from "./ids";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type JsonObject = { [key: string]: unknown };

export const deviceTypes = pgTable(
  "device_types",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    manufacturer: text("manufacturer").notNull(),
    model: text("model").notNull(),
    type: text("type").$type<DeviceTypeKind>().notNull(),
    longDescription: text("long_description").notNull().default(""),
    capabilities: jsonb("capabilities").$type<JsonObject>().notNull().default({}),
    config: jsonb("config").$type<JsonObject>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("device_types_account_idx").on(t.accountId, t.createdAt),
    check("device_types_type_check", sql`${t.type} in ('gateway', 'sensor', 'cloud_native', 'modem', 'lwm2m')`),
  ],
);

/**
 * Internal: which device type in a destination account was created by copying an originating
 * type. Never exposed by the API. One copy per (origin type, destination account); deleting either
 * type removes the association, so the next acceptance copies afresh.
 */
export const deviceTypeCopies = pgTable(
  "device_type_copies",
  {
    originDeviceTypeId: text("origin_device_type_id")
      .notNull()
      .references(() => deviceTypes.id, { onDelete: "cascade" }),
    destinationAccountId: text("destination_account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    copyDeviceTypeId: text("copy_device_type_id")
      .notNull()
      .references(() => deviceTypes.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.originDeviceTypeId, t.destinationAccountId] }),
    uniqueIndex("device_type_copies_copy_key").on(t.copyDeviceTypeId),
  ],
);

export const ESCROW_STATUSES = ["escrowed", "transfer_pending", "transferred"] as const;
export type EscrowStatus = (typeof ESCROW_STATUSES)[number];

export const escrowDevices = pgTable(
  "escrow_devices",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    uniqueId: text("unique_id").notNull(),
    tokenDigest: text("token_digest").notNull(),
    tokenHint: text("token_hint").notNull(),
    deviceTypeId: text("device_type_id").references(() => deviceTypes.id, { onDelete: "set null" }),
    status: text("status").$type<EscrowStatus>().notNull().default("escrowed"),
    transferInitiatedAt: ts("transfer_initiated_at"),
    transferCompletedAt: ts("transfer_completed_at"),
    firstCheckinAt: ts("first_checkin_at"),
    lastCheckinAt: ts("last_checkin_at"),
    /** Set the first time the device token is used: the escrow token then stops working for good. */
    tokenRetiredAt: ts("token_retired_at"),
    deviceId: text("device_id").references((): AnyPgColumn => devices.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("escrow_devices_unique_id_key").on(t.uniqueId),
    index("escrow_devices_account_created_idx").on(t.accountId, t.createdAt),
    index("escrow_devices_account_status_idx").on(t.accountId, t.status),
    check("escrow_devices_status_check", sql`${t.status} in ('escrowed', 'transfer_pending', 'transferred')`),
    check("escrow_devices_unique_id_format", sql`${t.uniqueId} ~ '^[a-z0-9:_-]{1,128}$'`),
  ],
);

export const devices = pgTable(
  "devices",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    uniqueId: text("unique_id").notNull(),
    name: text("name").notNull(),
    deviceTypeId: text("device_type_id")
      .notNull()
      .references(() => deviceTypes.id, { onDelete: "restrict" }),
    escrowDeviceId: text("escrow_device_id").references((): AnyPgColumn => escrowDevices.id, { onDelete: "set null" }),
    transferRequestId: text("transfer_request_id"),
    heartbeatPeriod: integer("heartbeat_period").notNull().default(60),
    heartbeatAt: ts("heartbeat_at"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    /** Digest of the latest issued device token; a new `active` answer replaces it. */
    deviceTokenDigest: text("device_token_digest"),
    deviceTokenIssuedAt: ts("device_token_issued_at"),
    configDeliveredAt: ts("config_delivered_at"),
    firstHeartbeatAt: ts("first_heartbeat_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("devices_unique_id_key").on(t.uniqueId),
    uniqueIndex("devices_token_digest_key").on(t.deviceTokenDigest),
    index("devices_account_created_idx").on(t.accountId, t.createdAt),
    index("devices_device_type_idx").on(t.deviceTypeId),
    index("devices_escrow_device_idx").on(t.escrowDeviceId),
    index("devices_transfer_request_idx").on(t.transferRequestId),
    check("devices_heartbeat_period_check", sql`${t.heartbeatPeriod} between 1 and 86400`),
  ],
);
