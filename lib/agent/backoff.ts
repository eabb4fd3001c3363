/** Exponential backoff with jitter: 1 s, 2 s, 4 s … up to 5 minutes, each scaled by 0.5–1. */
export class Backoff {
  private attempt = 0;
  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 300_000,
  ) {}

  /** The next delay; a server's Retry-After is a floor. */
  next(retryAfterSeconds?: number | null): number {
    const exp = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    const jittered = Math.round(exp * (0.5 + Math.random() * 0.5));
    const floor = retryAfterSeconds ? retryAfterSeconds * 1000 + Math.round(Math.random() * 1000) : 0;
    return Math.max(jittered, floor);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Resolves after ms, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
