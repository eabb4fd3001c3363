import { AppError, type ErrorCode, fromDatabaseError, loggable } from "@/lib/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "internal"; message: string; messages: string[]; fieldErrors: Record<string, string[]> };

/** Maps the one error type to a server action result (the other mapping is lib/http/respond). */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (caught) {
    const err = caught instanceof AppError ? caught : (fromDatabaseError(caught) ?? caught);
    if (err instanceof AppError) {
      return { ok: false, code: err.code, message: err.message, messages: err.messages, fieldErrors: err.fieldErrors };
    }
    // Redirects and notFound() from next/navigation must propagate.
    if (err && typeof err === "object" && "digest" in err) throw err;
    console.error("handoff: action failed:", loggable(err));
    return { ok: false, code: "internal", message: "Something went wrong. Please try again.", messages: [], fieldErrors: {} };
  }
}
