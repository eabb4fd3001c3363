import { randomBytes } from "node:crypto";

/** Opaque, unguessable ids (96 random bits, hex) — never sequential. */
export function newId(): string {
  return randomBytes(12).toString("hex");
}
