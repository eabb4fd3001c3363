import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * Why a cookie-authenticated request must be refused as cross-site, or null. Only state-changing
 * methods are checked. The Origin's host must equal the Host (or the first X-Forwarded-Host) the
 * request arrived with, as Next does for server actions. `Origin: null` and an unparsable Origin
 * are foreign. Without an Origin (browsers send one on every POST/PUT/DELETE; scripts such as curl
 * usually do not), `Sec-Fetch-Site: cross-site` is foreign and anything else passes: a client
 * that sends neither is not a browser acting on a third-party page, it holds the cookie itself.
 */
export function foreignOrigin(method: string, headers: HeaderSource): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const origin = headers.get("origin");
  if (origin == null) return headers.get("sec-fetch-site") === "cross-site" ? "a cross-site request without an Origin" : null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "an unreadable Origin";
  }
  if (origin === "null" || !originHost) return "an opaque Origin";
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = headers.get("host");
  if (originHost === host || (forwarded && originHost === forwarded)) return null;
  return "a foreign Origin";
}

export function foreignOriginError(why: string): AppError {
  return new AppError("forbidden", "cross-site request refused", { messages: [`${why}: state-changing portal requests must come from the portal's own pages`] });
}

/** Throws 403 for a cross-site state-changing request (see foreignOrigin). */
export function requireSameOrigin(req: Request): void {
  const why = foreignOrigin(req.method, req.headers);
  if (why) throw foreignOriginError(why);
}
