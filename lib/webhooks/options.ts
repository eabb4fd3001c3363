/** Delivery timing. Defaults are the product's; tests and the bench shorten them. */
export interface WebhookOptions {
  /** First retry after this; each later one waits twice as long, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Retries stop this long after the event (or after a resend). */
  windowMs: number;
  /** A receiver that has not answered within this is a failed attempt. */
  timeoutMs: number;
  /** A delivery claimed by a worker that died is claimed again after this. */
  leaseMs: number;
  /** How often the dispatcher looks for due deliveries without being woken. */
  pollMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  retryBaseMs: 10_000,
  retryMaxMs: 60 * 60_000,
  windowMs: 24 * 60 * 60_000,
  timeoutMs: 10_000,
  leaseMs: 10 * 60_000,
  pollMs: 5_000,
};

/** HANDOFF_WEBHOOK_RETRY_BASE_MS shortens the retry schedule (tests, local development). */
export function webhookOptions(overrides: Partial<WebhookOptions> = {}): WebhookOptions {
  const base = Number(process.env.HANDOFF_WEBHOOK_RETRY_BASE_MS);
  const env: Partial<WebhookOptions> = Number.isFinite(base) && base > 0 ? { retryBaseMs: base } : {};
  return { ...DEFAULT_WEBHOOK_OPTIONS, ...env, ...overrides };
}

/** Exponential backoff: base × 2^(attempt − 1), capped. */
export function retryDelayMs(attempts: number, o: WebhookOptions): number {
  return Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}
