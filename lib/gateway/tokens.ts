import { digest, randomToken, safeEqualHex } from "@/lib/auth/secrets";
import { AppError } from "@/lib/errors";

/** The one answer for every bad credential: unknown id, wrong token, deleted, retired. */
export const invalidCredentials = () => new AppError("unauthenticated", "invalid credentials");

// Compared against when the unique_id is unknown, so both paths do the same work.
const DUMMY_DIGEST = digest("handoff-unknown-escrow-device");

/** Constant-time check of an escrow token against the stored digest (or the dummy). */
export function escrowTokenMatches(token: string, storedDigest: string | null | undefined): boolean {
  const ok = safeEqualHex(digest(token), storedDigest ?? DUMMY_DIGEST);
  return ok && storedDigest != null;
}

export const DEVICE_TOKEN_PREFIX = "hd_";

export function newDeviceToken(): { token: string; digest: string } {
  const token = randomToken(DEVICE_TOKEN_PREFIX);
  return { token, digest: digest(token) };
}

/** `Authorization: Device <token>` → the token, or null. */
export function deviceTokenFromHeader(header: string | null): string | null {
  const m = /^Device\s+(\S{1,512})\s*$/i.exec(header ?? "");
  return m ? m[1] : null;
}
