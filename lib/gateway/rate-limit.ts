import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";

/**
 * Gateway rate limits (API.md §5), on rate-limiter-flexible:
 * - the per-request budget (12 per unique_id per minute) in memory, per instance: it only smooths
 *   a chatty gateway, and its keys expire with their one-minute window;
 * - failed attempts (10 per unique_id, 300 per client address, per 10 minutes) in PostgreSQL
 *   (table gateway_rate_limits, on PGlite too), so every instance counts the same guesses and no
 *   flood of other keys can push an active lockout out of anything. The escrow and device
 *   lookups read the lockout in the same statement (see lookup.ts), so a check-in pays no extra
 *   round trip for it; only failures write.
 */
export interface GatewayRateLimits {
  failuresPerUniqueId: number;
  failureWindowMs: number;
  requestsPerUniqueId: number;
  requestWindowMs: number;
  failuresPerIp: number;
  ipWindowMs: number;
}

const envWindow = Number(process.env.HANDOFF_GATEWAY_RATE_WINDOW_MS) || 0;

export const DEFAULT_LIMITS: GatewayRateLimits = {
  failuresPerUniqueId: 10,
  failureWindowMs: envWindow || 10 * 60_000,
  requestsPerUniqueId: 12,
  requestWindowMs: envWindow || 60_000,
  failuresPerIp: 300,
  ipWindowMs: envWindow || 10 * 60_000,
};

export const RATE_LIMIT_TABLE = "gateway_rate_limits";

interface Limiters {
  limits: GatewayRateLimits;
  requests: RateLimiterMemory;
  uidFailures: RateLimiterPostgres;
  ipFailures: RateLimiterPostgres;
}

function build(database: Database, limits: GatewayRateLimits): Limiters {
  const seconds = (ms: number) => ms / 1000;
  const store = { storeClient: database.raw, storeType: "pool", tableName: RATE_LIMIT_TABLE, tableCreated: true };
  return {
    limits,
    requests: new RateLimiterMemory({ keyPrefix: "gw_req", points: limits.requestsPerUniqueId, duration: seconds(limits.requestWindowMs) }),
    uidFailures: new RateLimiterPostgres({ ...store, keyPrefix: "gw_uid_fail", points: limits.failuresPerUniqueId, duration: seconds(limits.failureWindowMs) }),
    ipFailures: new RateLimiterPostgres({ ...store, keyPrefix: "gw_ip_fail", points: limits.failuresPerIp, duration: seconds(limits.ipWindowMs) }),
  };
}

// On globalThis: the custom server and Next's route bundles in one process share one set.
const g = globalThis as unknown as { __handoffGatewayLimiters?: { limits: GatewayRateLimits; byDb: Map<Database, Limiters> } };
function registry() {
  g.__handoffGatewayLimiters ??= { limits: { ...DEFAULT_LIMITS }, byDb: new Map() };
  return g.__handoffGatewayLimiters;
}

function limiters(database: Database): Limiters {
  const r = registry();
  let l = r.byDb.get(database);
  if (!l || l.limits !== r.limits) {
    l = build(database, r.limits);
    r.byDb.set(database, l);
  }
  return l;
}

/** The limiters of this database (tests flood them directly). */
export function gatewayLimiters(database: Database): Readonly<Limiters> {
  return limiters(database);
}

/** Test seam: change limits/windows and reset every counter (memory and the shared table). */
export async function setGatewayRateLimits(partial: Partial<GatewayRateLimits> | null): Promise<void> {
  const r = registry();
  r.limits = { ...DEFAULT_LIMITS, ...(partial ?? {}) };
  for (const database of [...r.byDb.keys()]) {
    await database.raw.query({ text: `delete from ${RATE_LIMIT_TABLE}` }).catch(() => r.byDb.delete(database));
  }
}

function limited(msLeft: number, why: string): AppError {
  return new AppError("rate_limited", "too many requests", { messages: [why], retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) });
}

const UID_LOCKED = "too many failed attempts for this unique_id; retry later";
const IP_LOCKED = "too many failed attempts from this address; retry later";

/** What the lookups need to read the lockouts of this unique_id and address in their statement. */
export interface LockoutProbe {
  uidKey: string;
  ipKey: string;
  uidLimit: number;
  ipLimit: number;
  now: number;
}

export function lockoutProbe(database: Database, uniqueId: string, ip: string): LockoutProbe {
  const l = limiters(database);
  return { uidKey: l.uidFailures.getKey(uniqueId), ipKey: l.ipFailures.getKey(ip), uidLimit: l.limits.failuresPerUniqueId, ipLimit: l.limits.failuresPerIp, now: Date.now() };
}

/** Lockout expiries as read by a lookup (epoch ms, or null when not locked out). */
export interface Lockouts {
  uidLockedUntil?: number | string | null;
  ipLockedUntil?: number | string | null;
}

/** Throws 429 when the lookup found an active lockout (then even the right token waits). */
export function refuseIfLockedOut(found: Lockouts, now: number): void {
  if (found.ipLockedUntil != null) throw limited(Number(found.ipLockedUntil) - now, IP_LOCKED);
  if (found.uidLockedUntil != null) throw limited(Number(found.uidLockedUntil) - now, UID_LOCKED);
}

/** Counts one request of this unique_id against its per-minute budget; 429 past it. */
export async function admitCheckin(database: Database, uniqueId: string): Promise<void> {
  try {
    await limiters(database).requests.consume(uniqueId);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw limited(err.msBeforeNext, "too many check-ins for this unique_id; retry later");
    throw err;
  }
}

/** Consumes one failure; the limiter's answer when this one went over the limit, else null. */
async function failure(limiter: RateLimiterPostgres, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (err) {
    if (err instanceof RateLimiterRes) return err;
    throw err;
  }
}

/** Records a failed check-in; returns the 429 to answer when a limit is now exceeded, else null. */
export async function recordCheckinFailure(database: Database, uniqueId: string, ip: string): Promise<AppError | null> {
  const l = limiters(database);
  const [uid, addr] = await Promise.all([failure(l.uidFailures, uniqueId), failure(l.ipFailures, ip)]);
  if (addr) return limited(addr.msBeforeNext, IP_LOCKED);
  if (uid) return limited(uid.msBeforeNext, UID_LOCKED);
  return null;
}

/** Records a failed device-token attempt against the address; the 429 when now over, else null. */
export async function recordDeviceFailure(database: Database, ip: string): Promise<AppError | null> {
  const over = await failure(limiters(database).ipFailures, ip);
  return over ? limited(over.msBeforeNext, IP_LOCKED) : null;
}
