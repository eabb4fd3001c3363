import { z } from "zod";
import { DEVICE_TYPE_KINDS } from "@/db/schema";
import { MAX_JSON_DEPTH, tooDeepField } from "@/lib/http/json-depth";

const MAX_JSON_CHARS = 65_536;

/** A JSON object (not an array or a scalar), of a sane size. */
const jsonObject = (what: string) =>
  z
    .record(z.string(), z.unknown(), { error: `${what} must be a JSON object` })
    // Depth first, iteratively: the size check below recurses (server actions reach it without readJson).
    .refine((v) => tooDeepField(v, MAX_JSON_DEPTH - 1) === null, { message: `${what} may be nested ${MAX_JSON_DEPTH - 1} levels deep at most`, abort: true })
    .refine((v) => JSON.stringify(v).length <= MAX_JSON_CHARS, { message: `${what} may be ${MAX_JSON_CHARS} characters of JSON at most` });

/** What a gateway of this type receives. Known keys are checked; other keys pass through. */
export const deviceTypeConfigSchema = z.looseObject({
  heartbeat_period: z
    .number({ error: "heartbeat_period must be a number of seconds" })
    .int("heartbeat_period must be a whole number of seconds")
    .min(1, "heartbeat_period must be at least 1 second")
    .max(86_400, "heartbeat_period may be 86400 seconds (one day) at most")
    .optional(),
  log_config: z.record(z.string(), z.unknown(), { error: "log_config must be a JSON object" }).optional(),
});

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} may be ${max} characters at most`);

const fields = {
  name: text("name", 200),
  manufacturer: text("manufacturer", 200),
  model: text("model", 200),
  type: z.enum(DEVICE_TYPE_KINDS, { error: `type must be one of ${DEVICE_TYPE_KINDS.join(", ")}` }),
  long_description: z.string({ error: "long_description must be a string" }).max(10_000, "long_description may be 10000 characters at most"),
  capabilities: jsonObject("capabilities"),
  config: jsonObject("config").pipe(deviceTypeConfigSchema),
};

export const deviceTypeCreateSchema = z.object({
  ...fields,
  long_description: fields.long_description.optional(),
  capabilities: fields.capabilities.optional(),
  config: fields.config.optional(),
  company_id: z.string().min(1).max(64).optional(),
});

/** PUT: every field optional; the ones present are validated and replaced. */
export const deviceTypeUpdateSchema = z.object({
  name: fields.name.optional(),
  manufacturer: fields.manufacturer.optional(),
  model: fields.model.optional(),
  type: fields.type.optional(),
  long_description: fields.long_description.optional(),
  capabilities: fields.capabilities.optional(),
  config: fields.config.optional(),
});

export type DeviceTypeCreateInput = z.infer<typeof deviceTypeCreateSchema>;
export type DeviceTypeUpdateInput = z.infer<typeof deviceTypeUpdateSchema>;
