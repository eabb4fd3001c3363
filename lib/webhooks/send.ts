import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isPrivateAddress, privateTargetsAllowed } from "./ssrf";

export interface SendResult {
  statusCode: number | null;
  responseMs: number;
  error: string | null;
}

/**
 * Resolves like the default lookup but refuses private/loopback addresses, so the check applies to
 * the address actually connected to (no DNS-rebinding gap between a check and the request).
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as unknown as { address: string; family: number }[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: "EPRIVATE" }), "", 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/** POSTs the body; never follows redirects; the whole exchange is bounded by `timeoutMs`. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve({ statusCode: null, responseMs: 0, error: "invalid URL" });
      return;
    }
    const host = u.hostname.replace(/^\[|\]$/g, "");
    if (!privateTargetsAllowed() && isPrivateAddress(host) && /^[\d.:a-f]+$/i.test(host)) {
      resolve({ statusCode: null, responseMs: 0, error: "refused: private or loopback address" });
      return;
    }
    const mod = u.protocol === "https:" ? https : http;
    let done = false;
    const finish = (r: SendResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = mod.request(
      u,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body).toString() },
        lookup: privateTargetsAllowed() ? undefined : guardedLookup,
        agent: false,
      },
      (res) => {
        // Drain (at most what arrives before the timeout); only the status matters.
        res.on("data", () => {});
        res.on("end", () => finish({ statusCode: res.statusCode ?? null, responseMs: elapsed(), error: null }));
        res.on("error", () => finish({ statusCode: res.statusCode ?? null, responseMs: elapsed(), error: null }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ statusCode: null, responseMs: elapsed(), error: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => {
      finish({ statusCode: null, responseMs: elapsed(), error: err.code === "EPRIVATE" ? err.message : `connection failed (${err.code ?? "error"})` });
    });
    req.end(body);
  });
}
