import type { Database } from "@/db/client";
import { authenticateDevice } from "./device-auth";
import { configVersion } from "./serialize";

/** GET /gateway/config: the device's current document (no token) and its version for the ETag. */
export async function deviceConfig(database: Database, authorization: string | null, ip: string) {
  const found = await authenticateDevice(database, authorization, ip);
  const version = configVersion(found.doc);
  return { body: { ...found.doc, config_version: version }, version };
}

/** Does an If-None-Match header name this version? (quoted, weak or bare; lists; `*`) */
export function matchesIfNoneMatch(header: string | null, version: string): boolean {
  if (!header) return false;
  return header.split(",").some((raw) => {
    const tag = raw.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
    return tag === "*" || tag === version;
  });
}
