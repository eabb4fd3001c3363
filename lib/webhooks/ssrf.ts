import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { invalid } from "@/lib/errors";

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges: never a webhook target. */
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

export function privateTargetsAllowed(): boolean {
  return process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE === "1";
}

export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], "ipv4");
  return blocked.check(address, v === 4 ? "ipv4" : "ipv6");
}

/** Parses a webhook URL: http(s), no credentials; returns problems (empty when fine). */
export function urlProblems(raw: string): string[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return ["url: must be an absolute http:// or https:// URL"];
  }
  const out: string[] = [];
  if (u.protocol !== "https:" && u.protocol !== "http:") out.push("url: must be an http:// or https:// URL");
  if (u.username || u.password) out.push("url: must not contain credentials");
  return out;
}

/**
 * Refuses (400) a target whose host is, or resolves to, a loopback/private address — at creation;
 * delivery checks again against the address actually connected to (see deliver.ts).
 */
export async function assertPublicTarget(raw: string): Promise<void> {
  const problems = urlProblems(raw);
  if (problems.length) throw invalid("invalid webhook URL", { messages: problems, fieldErrors: { url: problems.map((p) => p.slice(5)) } });
  if (privateTargetsAllowed()) return;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw invalid("invalid webhook URL", { messages: [`url: the host ${host} does not resolve`], fieldErrors: { url: ["the host does not resolve"] } });
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    const msg = "url: loopback and private network targets are not allowed";
    throw invalid("invalid webhook URL", { messages: [msg], fieldErrors: { url: [msg.slice(5)] } });
  }
}
