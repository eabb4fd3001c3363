import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  HANDOFF_DATA_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HANDOFF_SIGNUP: z.enum(["open", "closed"], { error: "must be open or closed" }).optional(),
  HANDOFF_WEBHOOKS: z.enum(["on", "off"], { error: "must be on or off" }).optional(),
  HANDOFF_WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"], { error: "must be 0 or 1" }).optional(),
  HANDOFF_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).optional(),
  HANDOFF_DEMO_FLEET: z.enum(["on", "off"], { error: "must be on or off" }).optional(),
  HANDOFF_PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9][0-9]{0,5}(kB|MB|GB)$/, "must be a size such as 32MB (kB, MB or GB)")
    .optional(),
});

export type Config = z.infer<typeof envSchema>;

/** Validates the environment once, with a message naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")) as NodeJS.ProcessEnv;
  const r = envSchema.safeParse(clean);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Handoff configuration is invalid:\n${lines.join("\n")}`);
  }
  if (r.data.DATABASE_URL && !r.data.AUTH_SECRET && env.NODE_ENV === "production") {
    throw new Error("Handoff configuration is invalid:\n  AUTH_SECRET: is required when DATABASE_URL is set");
  }
  return r.data;
}

/**
 * AUTH_SECRET, or on the embedded default one generated once and kept in the data directory
 * (mode 0600), so sessions survive restarts.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const dir = path.resolve(/* turbopackIgnore: true */ process.env.HANDOFF_DATA_DIR || ".data");
  const file = path.join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
