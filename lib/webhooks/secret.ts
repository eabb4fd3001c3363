import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/config";

/**
 * Signing secrets must be usable for HMAC, so unlike API tokens they cannot be stored as digests:
 * they are stored encrypted with AES-256-GCM under a key derived (HKDF-SHA256) from AUTH_SECRET.
 * Changing AUTH_SECRET makes stored secrets unreadable: deliveries then fail with that reason until
 * the endpoint is re-created.
 */
function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "handoff", "webhook signing secrets v1", 32));
}

/** A new Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

export function decryptSecret(stored: string): string {
  if (!stored.startsWith("v1.")) throw new Error("unknown secret format");
  const raw = Buffer.from(stored.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
