import { z } from "zod";
import { DEVICE_TYPE_KINDS } from "@/db/schema/device-type-kinds";
import { heartbeatPeriodSchema } from "@/lib/devices/schemas";
import { MAX_JSON_DEPTH, tooDeepField } from "@/lib/http/json-depth";

// Client-safe: the portal's device type form validates with these in the browser, so nothing
// here may import a server-only module (the database, node:*).

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
  heartbeat_period: heartbeatPeriodSchema.optional(),
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

/**
 * JSON typed into a form field, parsed; blank is `{}`. A syntax error says where (line and column)
 * as one issue on the field; what the value must be is left to the schema it is piped into.
 */
const jsonText = (what: string) =>
  z.string().transform((text, ctx) => {
    if (text.trim() === "") return {};
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      ctx.addIssue({ code: "custom", message: jsonSyntaxMessage(text, what, err) });
      return z.NEVER;
    }
  });

function jsonSyntaxMessage(text: string, what: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return `${what} is not valid JSON: ${msg}`;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${what} is not valid JSON: line ${line}, column ${column} (${msg.replace(/ in JSON at position \d+.*$/, "")})`;
}

/** The portal's device type form: every field as text, the JSON ones parsed and then held to the rules above. */
export const deviceTypeFormSchema = z.object({
  name: fields.name,
  manufacturer: fields.manufacturer,
  model: fields.model,
  type: fields.type,
  long_description: fields.long_description,
  capabilities: jsonText("Capabilities").pipe(fields.capabilities),
  config: jsonText("Config").pipe(fields.config),
});

export type DeviceTypeFormValues = z.input<typeof deviceTypeFormSchema>;
export type DeviceTypeFormOutput = z.output<typeof deviceTypeFormSchema>;
export type DeviceTypeCreateInput = z.infer<typeof deviceTypeCreateSchema>;
export type DeviceTypeUpdateInput = z.infer<typeof deviceTypeUpdateSchema>;
