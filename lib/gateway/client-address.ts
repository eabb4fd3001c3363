import { randomBytes, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";

/**
 * The client's address (API.md §6): the TCP peer, unless the peer is a trusted proxy listed in
 * HANDOFF_TRUSTED_PROXIES (comma-separated CIDRs or addresses); then the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy. A client never chooses its address
 * by sending a header: entries left of the first untrusted hop are whatever the client wrote.
 */

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, as dual-stack sockets report) → plain IPv4. */
export function normalizeAddress(raw: string): string {
  const a = raw.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  return mapped ? mapped[1] : a.toLowerCase();
}

export function parseTrustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const part of (spec ?? "").split(",")) {
    const item = part.trim();
    if (!item) continue;
    const [addr, bits] = item.split("/");
    const ip = normalizeAddress(addr);
    const family = isIP(ip);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32))
      throw new Error(`Handoff configuration is invalid:\n  HANDOFF_TRUSTED_PROXIES: "${item}" is not an address or CIDR`);
    list.addSubnet(ip, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

let cached: { spec: string | undefined; list: BlockList } | null = null;
function trustedFromEnv(): BlockList {
  const spec = process.env.HANDOFF_TRUSTED_PROXIES;
  if (!cached || cached.spec !== spec) cached = { spec, list: parseTrustedProxies(spec) };
  return cached.list;
}

export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList = trustedFromEnv()): string {
  let hop = normalizeAddress(peer ?? "");
  if (!hop) return "unknown";
  if (!isTrusted(trusted, hop)) return hop;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = header.split(",").map(normalizeAddress).filter(Boolean);
  for (let i = entries.length - 1; i >= 0; i--) {
    // A trusted proxy appended this entry; garbage there means the proxy is all we know.
    if (!isIP(entries[i])) return hop;
    if (!isTrusted(trusted, entries[i])) return entries[i];
    hop = entries[i];
  }
  return hop;
}

/**
 * Route handlers under Next see no socket. The server in front of Next (the custom server, or the
 * test harness) strips this header from every incoming request and sets its own, carrying the
 * address and a per-process secret, so a client-sent value can never be mistaken for it.
 */
export const CLIENT_ADDRESS_HEADER = "x-handoff-client-address";
/** What a route handler uses when no server in front vouched for the address (`next dev`). */
export const UNVERIFIED_ADDRESS = "unverified";

const g = globalThis as unknown as { __handoffAddressSecret?: string };
function processSecret(): string {
  g.__handoffAddressSecret ??= randomBytes(18).toString("base64url");
  return g.__handoffAddressSecret;
}

/** For the server in front of Next: replace whatever the client sent with the real address. */
export function stampClientAddress(headers: Record<string, string | string[] | undefined>, address: string): void {
  delete headers[CLIENT_ADDRESS_HEADER];
  headers[CLIENT_ADDRESS_HEADER] = `${processSecret()} ${address}`;
}

/** For a route handler: the stamped address, or UNVERIFIED_ADDRESS when there is no valid stamp. */
export function stampedClientAddress(value: string | null): string {
  const space = value?.indexOf(" ") ?? -1;
  if (!value || space < 0) return UNVERIFIED_ADDRESS;
  const given = Buffer.from(value.slice(0, space));
  const secret = Buffer.from(processSecret());
  if (given.length !== secret.length || !timingSafeEqual(given, secret)) return UNVERIFIED_ADDRESS;
  return value.slice(space + 1) || UNVERIFIED_ADDRESS;
}
