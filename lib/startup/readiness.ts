import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDatabase, MIGRATIONS_FOLDER, queryRows } from "@/db/client";
import { json } from "@/lib/http/respond";
import { startupPhase, waitForStartup } from "./state";

export const RETRY_AFTER_SECONDS = 5;
const CHECK_TIMEOUT_MS = 2_000;

let expectedMigrations: number | undefined;
function migrationCount(): number {
  expectedMigrations ??= (JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  return expectedMigrations;
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), ms);
    }),
  ]);
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Ready: the start-up succeeded, the database answers, and every migration is applied. */
export async function checkReadiness(): Promise<Readiness> {
  const phase = startupPhase();
  if (phase === "starting") return { ready: false, reason: "starting: opening the database and applying migrations" };
  if (phase === "failed") return { ready: false, reason: "start-up failed" };
  try {
    const { db } = await within(getDatabase(), CHECK_TIMEOUT_MS);
    const [r] = await within(queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`), CHECK_TIMEOUT_MS);
    if (r.n < migrationCount()) return { ready: false, reason: `${migrationCount() - r.n} database migration(s) not applied yet` };
    return { ready: true };
  } catch {
    return { ready: false, reason: "the database does not answer" };
  }
}

export function notReadyResponse(reason: string): Response {
  return json({ error: "not ready", messages: [reason] }, 503, { "retry-after": String(RETRY_AFTER_SECONDS) });
}

const UNGATED = new Set(["/api/health", "/api/ready"]);

/** How long a request that arrives during start-up waits before it gets a 503 (HANDOFF_READY_WAIT_MS). */
function waitMs(): number {
  const v = Number(process.env.HANDOFF_READY_WAIT_MS);
  return Number.isFinite(v) && v >= 0 ? v : 10_000;
}

/**
 * For anything that routes requests in this process (proxy.ts, a server in front of Next): null
 * when the request may be served, else the 503 (with Retry-After) to answer. During start-up a
 * request waits up to HANDOFF_READY_WAIT_MS for it. The health and readiness probes are never held.
 */
export async function readinessGate(pathname: string): Promise<Response | null> {
  const phase = startupPhase();
  // not-started: no start-up runs in this process (tests); handlers open the database themselves.
  if (phase === "ready" || phase === "not-started" || UNGATED.has(pathname)) return null;
  if (phase === "starting" && (await waitForStartup(waitMs()))) return null;
  return notReadyResponse(startupPhase() === "failed" ? "start-up failed" : "the server is starting; try again shortly");
}
