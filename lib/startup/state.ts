/**
 * The process's start-up (config, database, migrations, demo seed), run once and observed by
 * readiness checks. Kept on globalThis: instrumentation, proxy.ts, route handlers and a server in
 * front of Next each get their own copy of this module, but there is one start-up per process.
 */
export type StartupPhase = "not-started" | "starting" | "ready" | "failed";

interface StartupState {
  phase: Exclude<StartupPhase, "not-started">;
  promise: Promise<void>;
}

const g = globalThis as unknown as { __handoffStartup?: StartupState };

/** Runs `task` once per process; later calls return the first call's promise. */
export function runStartup(task: () => Promise<void>): Promise<void> {
  if (!g.__handoffStartup) {
    const state: StartupState = { phase: "starting", promise: Promise.resolve() };
    state.promise = task().then(
      () => {
        state.phase = "ready";
      },
      (err: unknown) => {
        state.phase = "failed";
        throw err;
      },
    );
    g.__handoffStartup = state;
  }
  return g.__handoffStartup.promise;
}

export function startupPhase(): StartupPhase {
  return g.__handoffStartup?.phase ?? "not-started";
}

/** Waits up to `ms` for the start-up to finish; true when it has succeeded. */
export async function waitForStartup(ms: number): Promise<boolean> {
  const state = g.__handoffStartup;
  if (!state) return false;
  if (state.phase !== "starting") return state.phase === "ready";
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => {
    timer = setTimeout(r, ms);
  });
  await Promise.race([state.promise.catch(() => {}), timeout]);
  clearTimeout(timer);
  return startupPhase() === "ready";
}
