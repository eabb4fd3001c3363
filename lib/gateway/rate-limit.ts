import { AppError } from "@/lib/errors";

/**
 * In-memory, per-process rate limits for the gateway API (SPEC §6 allows per-instance counters).
 * Each key keeps at most `limit` timestamps (a sliding log), so memory per key is bounded, and
 * the whole map is pruned when it grows past `maxKeys`.
 */
export interface GatewayRateLimits {
  /** Failed check-ins per unique_id per window. */
  failuresPerUniqueId: number;
  failureWindowMs: number;
  /** Requests per unique_id per window (a long-poll counts once). */
  requestsPerUniqueId: number;
  requestWindowMs: number;
  /** Failed attempts per client IP per window. */
  failuresPerIp: number;
  ipWindowMs: number;
  maxKeys: number;
}

const envWindow = Number(process.env.HANDOFF_GATEWAY_RATE_WINDOW_MS) || 0;

export const DEFAULT_LIMITS: GatewayRateLimits = {
  failuresPerUniqueId: 10,
  failureWindowMs: envWindow || 10 * 60_000,
  requestsPerUniqueId: 12,
  requestWindowMs: envWindow || 60_000,
  failuresPerIp: 300,
  ipWindowMs: envWindow || 10 * 60_000,
  maxKeys: 100_000,
};

class SlidingLog {
  private readonly entries = new Map<string, number[]>();
  constructor(
    private readonly limit: () => number,
    private readonly windowMs: () => number,
    private readonly maxKeys: () => number,
  ) {}

  private live(key: string, now: number): number[] | undefined {
    const log = this.entries.get(key);
    if (!log) return undefined;
    const from = now - this.windowMs();
    while (log.length && log[0] <= from) log.shift();
    if (log.length === 0) {
      this.entries.delete(key);
      return undefined;
    }
    return log;
  }

  /** Seconds until the key may proceed, or 0 when it is under its limit. */
  retryAfter(key: string, now: number): number {
    const log = this.live(key, now);
    if (!log || log.length < this.limit()) return 0;
    const freeAt = log[log.length - this.limit()] + this.windowMs();
    return Math.max(1, Math.ceil((freeAt - now) / 1000));
  }

  hit(key: string, now: number): void {
    const log = this.live(key, now);
    if (log) {
      log.push(now);
      if (log.length > this.limit()) log.splice(0, log.length - this.limit());
      return;
    }
    if (this.entries.size >= this.maxKeys()) this.prune(now);
    this.entries.set(key, [now]);
  }

  private prune(now: number): void {
    for (const key of [...this.entries.keys()]) this.live(key, now);
    // Still full: forget the oldest keys (Map keeps insertion order).
    let excess = this.entries.size - Math.floor(this.maxKeys() * 0.9);
    for (const key of this.entries.keys()) {
      if (excess-- <= 0) break;
      this.entries.delete(key);
    }
  }

  size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

interface LimiterState {
  limits: GatewayRateLimits;
  uidFailures: SlidingLog;
  uidRequests: SlidingLog;
  ipFailures: SlidingLog;
}

function createState(): LimiterState {
  const s = { limits: { ...DEFAULT_LIMITS } } as LimiterState;
  s.uidFailures = new SlidingLog(() => s.limits.failuresPerUniqueId, () => s.limits.failureWindowMs, () => s.limits.maxKeys);
  s.uidRequests = new SlidingLog(() => s.limits.requestsPerUniqueId, () => s.limits.requestWindowMs, () => s.limits.maxKeys);
  s.ipFailures = new SlidingLog(() => s.limits.failuresPerIp, () => s.limits.ipWindowMs, () => s.limits.maxKeys);
  return s;
}

// On globalThis: every route bundle of the process must share one set of counters.
const g = globalThis as unknown as { __handoffGatewayLimits?: LimiterState };
function state(): LimiterState {
  g.__handoffGatewayLimits ??= createState();
  return g.__handoffGatewayLimits;
}

/** Test seam: change limits/windows (and reset every counter). */
export function setGatewayRateLimits(partial: Partial<GatewayRateLimits> | null): void {
  const s = state();
  s.limits = { ...DEFAULT_LIMITS, ...(partial ?? {}) };
  s.uidFailures.clear();
  s.uidRequests.clear();
  s.ipFailures.clear();
}

export function rateLimitSizes() {
  const s = state();
  return { uidFailures: s.uidFailures.size(), uidRequests: s.uidRequests.size(), ipFailures: s.ipFailures.size() };
}

function limited(seconds: number, why: string): AppError {
  return new AppError("rate_limited", "too many requests", { messages: [why], retryAfterSeconds: seconds });
}

/** Before a check-in: throws 429 when the IP or the unique_id is over a limit; else counts the request. */
export function admitCheckin(uniqueId: string, ip: string, now = Date.now()): void {
  const s = state();
  const ipWait = s.ipFailures.retryAfter(ip, now);
  if (ipWait) throw limited(ipWait, "too many failed attempts from this address; retry later");
  const failWait = s.uidFailures.retryAfter(uniqueId, now);
  if (failWait) throw limited(failWait, "too many failed attempts for this unique_id; retry later");
  const reqWait = s.uidRequests.retryAfter(uniqueId, now);
  if (reqWait) throw limited(reqWait, "too many check-ins for this unique_id; retry later");
  s.uidRequests.hit(uniqueId, now);
}

export function recordCheckinFailure(uniqueId: string, ip: string, now = Date.now()): void {
  const s = state();
  s.uidFailures.hit(uniqueId, now);
  s.ipFailures.hit(ip, now);
}

/** Device-token endpoints: only failed attempts per IP are limited. */
export function admitDeviceRequest(ip: string, now = Date.now()): void {
  const wait = state().ipFailures.retryAfter(ip, now);
  if (wait) throw limited(wait, "too many failed attempts from this address; retry later");
}

export function recordDeviceFailure(ip: string, now = Date.now()): void {
  state().ipFailures.hit(ip, now);
}

export function clientIp(req: Request): string {
  const fwd = req.headers.get("x-forwarded-for");
  const first = fwd?.split(",")[0]?.trim();
  if (first) return first.slice(0, 64);
  const real = req.headers.get("x-real-ip")?.trim();
  return real ? real.slice(0, 64) : "unknown";
}
