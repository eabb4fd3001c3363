import { z } from "zod";

export const UNIQUE_ID_RE = /^[a-z0-9:_-]{1,128}$/;
export const TOKEN_RE = /^[\x21-\x7e]{16,256}$/;
export const MAX_BULK_ROWS = 10_000;

export const UNIQUE_ID_RULE = "1–128 characters: lower-case letters a–z, digits 0–9, '-', ':' or '_'";
export const TOKEN_RULE = "16–256 printable ASCII characters, no spaces";

const show = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Why a unique_id is not acceptable, or null. */
export function uniqueIdProblem(v: unknown): string | null {
  if (typeof v !== "string" || v.length === 0) return `unique_id is required (${UNIQUE_ID_RULE})`;
  if (UNIQUE_ID_RE.test(v)) return null;
  if (v.length > 128) return `unique_id is ${v.length} characters long; it may be 128 at most`;
  if (/[A-Z]/.test(v) && UNIQUE_ID_RE.test(v.toLowerCase())) return `unique_id "${show(v)}" has upper-case letters; use lower case (${UNIQUE_ID_RULE})`;
  return `unique_id "${show(v)}" is not allowed: use ${UNIQUE_ID_RULE}`;
}

/** Why an escrow token is not acceptable, or null. Never echoes the token. */
export function tokenProblem(v: unknown): string | null {
  if (typeof v !== "string") return `token must be a string (${TOKEN_RULE})`;
  if (TOKEN_RE.test(v)) return null;
  if (v.length < 16) return `token is too short (${v.length} characters; ${TOKEN_RULE})`;
  if (v.length > 256) return `token is too long (${v.length} characters; ${TOKEN_RULE})`;
  return `token has spaces or characters outside printable ASCII (${TOKEN_RULE})`;
}

const uniqueId = z.unknown().superRefine((v, c) => {
  const p = uniqueIdProblem(v);
  if (p) c.addIssue({ code: "custom", message: p });
}) as unknown as z.ZodType<string>;

const token = z.unknown().superRefine((v, c) => {
  const p = tokenProblem(v);
  if (p) c.addIssue({ code: "custom", message: p });
}) as unknown as z.ZodType<string>;

const id = (what: string) => z.string({ error: `${what} must be a string id` }).min(1).max(64);

export const escrowCreateSchema = z.object({
  unique_id: uniqueId,
  token: token.optional(),
  device_type_id: id("device_type_id").nullish(),
  company_id: id("company_id").optional(),
});

export const escrowUpdateSchema = z.object({
  token: token.optional(),
  /** Portal convenience: rotate to a server-generated token (returned once). */
  generate_token: z.boolean({ error: "generate_token must be true or false" }).optional(),
  device_type_id: id("device_type_id").nullish(),
});

export const escrowBulkCreateSchema = z.object({
  escrow_devices: z
    .array(z.unknown(), { error: "escrow_devices must be an array of {unique_id, token?} objects" })
    .min(1, "escrow_devices must have at least one row")
    .max(MAX_BULK_ROWS, `escrow_devices may have ${MAX_BULK_ROWS} rows at most per call`),
  device_type_id: id("device_type_id").nullish(),
  company_id: id("company_id").optional(),
});

export const escrowBulkDeleteSchema = z.object({
  ids: z
    .array(id("each id"), { error: "ids must be an array of escrow device ids" })
    .min(1, "ids must have at least one id")
    .max(MAX_BULK_ROWS, `ids may have ${MAX_BULK_ROWS} ids at most per call`),
});
