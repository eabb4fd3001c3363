import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * Failed-attempt counters of the gateway API (lockouts), shared by every server instance. The
 * shape is rate-limiter-flexible's PostgreSQL store (key, points, expire in epoch ms), which
 * writes it; the gateway's lookups read it in the same statement as the escrow device.
 */
export const gatewayRateLimits = pgTable("gateway_rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});
