import { z } from "zod";

// Client-safe: the portal's device form validates with these in the browser, so this module
// imports nothing but zod.

export const HEARTBEAT_STATUSES = ["never_reported", "online", "offline"] as const;
export type HeartbeatStatus = (typeof HEARTBEAT_STATUSES)[number];

/** Seconds between heartbeats: a device's own, or a device type's `config.heartbeat_period`. */
export const heartbeatPeriodSchema = z
  .number({ error: "heartbeat_period must be a number of seconds" })
  .int("heartbeat_period must be a whole number of seconds")
  .min(1, "heartbeat_period must be at least 1 second")
  .max(86_400, "heartbeat_period may be 86400 seconds (one day) at most");

const fields = {
  name: z.string({ error: "name must be a string" }).trim().min(1, "name is required").max(200, "name may be 200 characters at most"),
  tags: z
    .array(
      z.string({ error: "each tag must be a string" }).trim().min(1, "a tag may not be empty").max(64, "a tag may be 64 characters at most"),
      { error: "tags must be an array of strings" },
    )
    .max(50, "50 tags at most")
    .transform((t) => [...new Set(t)]),
  heartbeat_period: heartbeatPeriodSchema,
};

/** `PUT devices/{id}`: every field optional; the ones present are validated and replaced. */
export const deviceUpdateSchema = z.object({
  name: fields.name.optional(),
  tags: fields.tags.optional(),
  heartbeat_period: fields.heartbeat_period.optional(),
});

/**
 * The portal's device form: tags as comma-separated text, the period as text, each then held to
 * the rules above. Every field is piped on its own, so one bad field never hides another's problem.
 */
export const deviceFormSchema = z.object({
  name: fields.name,
  tags: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(fields.tags),
  // Blank is not a number (Number("") would be 0).
  heartbeat_period: z
    .string()
    .transform((s) => (s.trim() === "" ? Number.NaN : Number(s)))
    .pipe(fields.heartbeat_period),
});

export type DeviceUpdateInput = z.input<typeof deviceUpdateSchema>;
export type DeviceFormValues = z.input<typeof deviceFormSchema>;
