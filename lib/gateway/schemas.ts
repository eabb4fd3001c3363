import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Gateway bodies: unknown fields are ignored; wrong types and missing fields are a 400. */
export const checkinSchema = z.object({
  unique_id: z.string().trim().min(1, "is required").max(128, "may be 128 characters at most"),
  token: z.string().min(1, "is required").max(1024, "may be 1024 characters at most"),
  agent_version: z.string().max(100, "may be 100 characters at most").optional(),
});
export type CheckinInput = z.infer<typeof checkinSchema>;

export const heartbeatSchema = z.object({
  values: z.record(z.string(), z.unknown()).optional(),
});

export const MAX_WAIT_SECONDS = 30;
export const GATEWAY_BODY_LIMIT = 64 * 1024;

/** `?wait=` — whole seconds 0–30; absent means 0; anything else is a 400. */
export function parseWait(query: URLSearchParams): number {
  const raw = query.get("wait");
  if (raw === null) return 0;
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 0 && n <= MAX_WAIT_SECONDS))
    throw new AppError("invalid", "invalid input", { messages: [`wait: must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}`], fieldErrors: { wait: [`must be 0–${MAX_WAIT_SECONDS}`] } });
  return n;
}
