import { AGENT_VERSION } from "./options";

export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field by the caller
  body: any;
  etag: string | null;
  retryAfterSeconds: number | null;
}

export class NetworkError extends Error {}

/** The gateway API over fetch, every call abortable and with its own timeout. */
export class GatewayClient {
  constructor(
    private readonly baseUrl: string,
    private readonly signal: AbortSignal,
  ) {}

  private async request(method: string, p: string, opts: { body?: unknown; auth?: string; etag?: string; timeoutMs: number }): Promise<ApiAnswer> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": AGENT_VERSION };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    if (opts.auth) headers.authorization = opts.auth;
    if (opts.etag) headers["if-none-match"] = opts.etag;
    let res: Response;
    try {
      res = await fetch(this.baseUrl + p, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(opts.timeoutMs)]),
      });
    } catch (err) {
      if (this.signal.aborted) throw err;
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new NetworkError(cause ?? (err instanceof Error ? err.message : "network error"));
    }
    const text = await res.text().catch(() => "");
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const ra = Number(res.headers.get("retry-after"));
    return { status: res.status, body, etag: res.headers.get("etag"), retryAfterSeconds: Number.isFinite(ra) && ra > 0 ? ra : null };
  }

  checkin(uniqueId: string, token: string, wait: number): Promise<ApiAnswer> {
    return this.request("POST", `/api/v1/gateway/escrow/checkin?wait=${wait}`, {
      body: { unique_id: uniqueId, token, agent_version: AGENT_VERSION },
      timeoutMs: (wait + 20) * 1000,
    });
  }

  heartbeat(deviceToken: string): Promise<ApiAnswer> {
    return this.request("POST", "/api/v1/gateway/heartbeat", { body: {}, auth: `Device ${deviceToken}`, timeoutMs: 20_000 });
  }

  config(deviceToken: string, etag?: string): Promise<ApiAnswer> {
    return this.request("GET", "/api/v1/gateway/config", { auth: `Device ${deviceToken}`, etag, timeoutMs: 20_000 });
  }
}
