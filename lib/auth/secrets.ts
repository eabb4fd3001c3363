import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** A random secret: 32 bytes, base64url, with a short prefix saying what it is. */
export function randomToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * `n` random secrets like `randomToken()` (32 bytes each, base64url) from one call to the CSPRNG:
 * 10,000 separate calls cost more than the rest of a bulk create's JavaScript.
 */
export function randomTokens(n: number, prefix = ""): string[] {
  const buf = randomBytes(32 * n);
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = prefix + buf.toString("base64url", 32 * i, 32 * i + 32);
  return out;
}

/** `n` ids like `newId()` (96 random bits, hex) from one call to the CSPRNG. */
export function newIds(n: number): string[] {
  const buf = randomBytes(12 * n);
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = buf.toString("hex", 12 * i, 12 * i + 12);
  return out;
}

/** SHA-256 hex digest: what we store for tokens (high-entropy secrets need no slow hash). */
export function digest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  if (ab.length !== bb.length || ab.length === 0) return false;
  return timingSafeEqual(ab, bb);
}

export function tokenHint(secret: string): string {
  return secret.slice(-4);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

// Verified against when the email is unknown, so both answers take the same time.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, "base64url");
  const key = await scrypt(password, Buffer.from(saltB64, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return stored != null && timingSafeEqual(key, expected);
}
