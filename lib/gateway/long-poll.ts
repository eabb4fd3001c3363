import type { Database } from "@/db/client";

/** The channel the accept transaction notifies; payload: a JSON array of unique_ids. */
export const DEVICE_ACTIVE_CHANNEL = "handoff_device_active";

type Wake = () => void;

/**
 * One LISTEN per process (per database), fanning notifications out to the check-ins waiting for
 * those unique_ids. A failed LISTEN is not cached: the next waiter tries again, and waiters re-check
 * the database on a timer anyway, so a missed notification costs seconds, not correctness.
 */
class ActivationHub {
  private readonly waiters = new Map<string, Set<Wake>>();
  private listening: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  ensureListening(): Promise<void> {
    if (!this.listening) {
      const p = this.database
        .listen(DEVICE_ACTIVE_CHANNEL, (payload) => this.onNotify(payload))
        .then(() => undefined);
      this.listening = p;
      p.catch(() => {
        if (this.listening === p) this.listening = null;
      });
    }
    return this.listening;
  }

  private onNotify(payload: string): void {
    let ids: unknown;
    try {
      ids = JSON.parse(payload);
    } catch {
      return;
    }
    const list = Array.isArray(ids) ? ids : [ids];
    for (const id of list) {
      if (typeof id !== "string") continue;
      const set = this.waiters.get(id);
      if (set) for (const wake of [...set]) wake();
    }
  }

  add(uniqueId: string, wake: Wake): () => void {
    let set = this.waiters.get(uniqueId);
    if (!set) {
      set = new Set();
      this.waiters.set(uniqueId, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.waiters.get(uniqueId) === set) this.waiters.delete(uniqueId);
    };
  }

  waiterCount(): number {
    let n = 0;
    for (const s of this.waiters.values()) n += s.size;
    return n;
  }
}

const g = globalThis as unknown as { __handoffActivationHubs?: WeakMap<Database, ActivationHub> };

function hubFor(database: Database): ActivationHub {
  g.__handoffActivationHubs ??= new WeakMap();
  let hub = g.__handoffActivationHubs.get(database);
  if (!hub) {
    hub = new ActivationHub(database);
    g.__handoffActivationHubs.set(database, hub);
  }
  return hub;
}

export type WakeReason = "notified" | "timeout" | "aborted";

/**
 * A subscription for one waiting check-in. Subscribe BEFORE reading the database: a notification
 * that arrives between the read and the wait is remembered, so it is never lost.
 */
export interface ActivationSubscription {
  wait(ms: number, signal?: AbortSignal): Promise<WakeReason>;
  close(): void;
}

export async function subscribeActivation(database: Database, uniqueId: string): Promise<ActivationSubscription> {
  const hub = hubFor(database);
  await hub.ensureListening().catch(() => {
    // LISTEN unavailable right now: the caller's periodic re-check still finds the activation.
  });
  let pending = false;
  let current: ((r: WakeReason) => void) | null = null;
  const remove = hub.add(uniqueId, () => {
    if (current) current("notified");
    else pending = true;
  });
  return {
    wait(ms, signal) {
      if (pending) {
        pending = false;
        return Promise.resolve("notified");
      }
      if (signal?.aborted) return Promise.resolve("aborted");
      return new Promise<WakeReason>((resolve) => {
        const done = (r: WakeReason) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          current = null;
          resolve(r);
        };
        const onAbort = () => done("aborted");
        const timer = setTimeout(() => done("timeout"), Math.max(0, ms));
        signal?.addEventListener("abort", onAbort, { once: true });
        current = done;
      });
    },
    close() {
      remove();
      current?.("aborted");
    },
  };
}

export function activationWaiterCount(database: Database): number {
  return hubFor(database).waiterCount();
}
