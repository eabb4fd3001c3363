import type { ZodError } from "zod";

export type ErrorCode =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unprocessable"
  | "rate_limited"
  | "unavailable";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export interface AppErrorOptions {
  /** Every human-readable problem; defaults to [message]. */
  messages?: string[];
  /** Per-field problems for forms (field name → messages). */
  fieldErrors?: Record<string, string[]>;
  /** Extra members of the JSON error body, e.g. `errors` (row index → reason) for bulk calls. */
  extra?: Record<string, unknown>;
  retryAfterSeconds?: number;
}

/** A message that names its field the way the API lists problems: `device_type_id: is not …`. */
const FIELD_MESSAGE = /^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*): (.+)$/s;

/**
 * Per-field problems read from `field: problem` messages, for checks written by hand (not zod),
 * so that a form shows them beside their control too. Messages without such a prefix are left out.
 */
export function fieldErrorsFromMessages(messages: readonly string[]): Record<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const m of messages) {
    const hit = FIELD_MESSAGE.exec(m);
    if (hit) byField.set(hit[1], [...(byField.get(hit[1]) ?? []), hit[2]]);
  }
  return Object.fromEntries(byField);
}

/** The one error type `lib/` throws; mapped once to HTTP (lib/http) and to action results. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: string[];
  readonly fieldErrors: Record<string, string[]>;
  readonly extra: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, opts: AppErrorOptions = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.messages = opts.messages?.length ? opts.messages : [message];
    this.fieldErrors = opts.fieldErrors ?? fieldErrorsFromMessages(this.messages);
    this.extra = opts.extra ?? {};
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export const invalid = (message: string, opts?: AppErrorOptions) => new AppError("invalid", message, opts);
export const notFound = (what = "resource") => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "your role does not allow this") => new AppError("forbidden", message);
export const conflict = (message: string, opts?: AppErrorOptions) => new AppError("conflict", message, opts);
export const unauthenticated = (message = "authentication required") => new AppError("unauthenticated", message);

/** Turn a ZodError into a 400 listing every problem, with `path: message` lines. */
export function fromZod(err: ZodError, what = "invalid input"): AppError {
  // A Map: a field path may be a client's key such as `constructor` or `__proto__`.
  const byField = new Map<string, string[]>();
  const messages = err.issues.map((issue) => {
    const key = issue.path.map(String).join(".") || "body";
    byField.set(key, [...(byField.get(key) ?? []), issue.message]);
    return key === "body" ? issue.message : `${key}: ${issue.message}`;
  });
  return new AppError("invalid", what, { messages, fieldErrors: Object.fromEntries(byField) });
}

/** Parse with a zod schema, throwing AppError("invalid") with every problem listed. */
export function parseInput<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, value: unknown, what?: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZod(r.error, what);
  return r.data;
}

/** PostgreSQL unique violation (23505), with the constraint name when known. */
export function uniqueViolation(err: unknown): { constraint?: string; detail?: string } | null {
  const e = findPgError(err);
  if (e?.code === "23505") return { constraint: e.constraint, detail: e.detail };
  return null;
}

export function findPgError(err: unknown): { code?: string; constraint?: string; detail?: string } | null {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const c = cur as { code?: unknown; constraint?: string; detail?: string; cause?: unknown };
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code)) return { code: c.code, constraint: c.constraint, detail: c.detail };
    cur = c.cause;
  }
  return null;
}

/**
 * The safety net for database errors no service mapped: integrity violations and lost races are
 * conflicts (409), data exceptions are bad input (400). Anything else stays unexpected.
 */
export function fromDatabaseError(err: unknown): AppError | null {
  const e = findPgError(err);
  if (!e?.code) return null;
  if (e.code.startsWith("23")) {
    return new AppError("conflict", "the change conflicts with the current data", {
      messages: [e.constraint ? `conflict with ${e.constraint}; reload and try again` : "reload and try again"],
    });
  }
  if (e.code === "40001" || e.code === "40P01") return new AppError("conflict", "a concurrent change won; try again");
  if (e.code.startsWith("22")) return new AppError("invalid", "invalid input", { messages: ["a value is out of range or malformed"] });
  // statement_timeout (57014) or idle_in_transaction_session_timeout (25P03): overload, not a bug.
  if (e.code === "57014" || e.code === "25P03") {
    return new AppError("unavailable", "the database took too long", { messages: ["the request took too long; try again shortly"], retryAfterSeconds: 5 });
  }
  return null;
}

/**
 * What may be logged of an unexpected error: its name, database code and the first line of its
 * message — never query parameters (they can hold digests or hashes) or request bodies.
 */
export function loggable(err: unknown): string {
  if (!(err instanceof Error)) return "non-error thrown";
  const code = findPgError(err)?.code;
  const first = err.message.split("\n")[0].replace(/params:.*$/s, "").slice(0, 200);
  return `${err.name}${code ? ` [${code}]` : ""}: ${first}`;
}
