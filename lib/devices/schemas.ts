import { z } from "zod";

export const HEARTBEAT_STATUSES = ["never_reported", "online", "offline"] as const;
export type HeartbeatStatus = (typeof HEARTBEAT_STATUSES)[number];

export const deviceUpdateSchema = z.object({
  name: z
    .string({ error: "name must be a string" })
    .trim()
    .min(1, "name is required")
    .max(200, "name may be 200 characters at most")
    .optional(),
  tags: z
    .array(
      z.string({ error: "each tag must be a string" }).trim().min(1, "a tag may not be empty").max(64, "a tag may be 64 characters at most"),
      { error: "tags must be an array of strings" },
    )
    .max(50, "50 tags at most")
    .transform((t) => [...new Set(t)])
    .optional(),
  heartbeat_period: z
    .number({ error: "heartbeat_period must be a number of seconds" })
    .int("heartbeat_period must be a whole number of seconds")
    .min(1, "heartbeat_period must be at least 1 second")
    .max(86_400, "heartbeat_period may be 86400 seconds (one day) at most")
    .optional(),
});

/** The same from a portal form: tags as comma-separated text, the period as text. */
export const deviceFormSchema = z.object({
  name: z.string().optional(),
  tags: z
    .string()
    .optional()
    .transform((s) =>
      s === undefined
        ? undefined
        : s
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean),
    ),
  heartbeat_period: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === "" ? undefined : Number(s))),
});
