// Shared by the gateway benchmarks: a scratch PostgreSQL database, the production build, and the
// real server processes (the custom server `npm start` runs, or a bare `next start`).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { openPostgres } from "@/db/client";
// @ts-expect-error: a plain ES module without types
import { buildServer } from "../scripts/build-server.mjs";

export const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const DIST = ".next-gateway";
export const AUTH_SECRET = "bench-secret-bench-secret-bench-secret-0123456789";

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A migrated scratch database; `drop()` removes it. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  const d = await openPostgres(u.toString());
  await d.close();
  return {
    url: u.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    },
  };
}

export function buildIfNeeded(): void {
  if (existsSync(path.join(DIST, "BUILD_ID")) && process.env.BENCH_REBUILD !== "1") return;
  console.log(`building the production app into ${DIST} …`);
  const b = spawnSync("node_modules/.bin/next", ["build"], { env: { ...process.env, NEXT_DIST_DIR: DIST }, stdio: "inherit" });
  if (b.status !== 0) throw new Error("next build failed");
}

export interface AppProcess {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** `fast`: scripts/server.ts compiled (what `npm start` runs); `next`: a bare `next start`. */
export async function startApp(kind: "fast" | "next", dbUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: dbUrl,
    AUTH_SECRET,
    AUTH_TRUST_HOST: "true",
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: "1",
    HANDOFF_SEED: "off",
    PORT: String(port),
    HOST: "127.0.0.1",
    ...env,
  };
  const proc =
    kind === "fast"
      ? spawn(process.execPath, [await buildServer(DIST)], { env: serverEnv, stdio: ["ignore", "pipe", "pipe"] })
      : spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], { env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr!.on("data", (d) => {
    err += d;
  });
  proc.stdout!.resume();
  let stopping = false;
  proc.on("exit", (code) => {
    if (!stopping && code) console.error(`${kind} server exited with ${code}:\n${err.slice(-2000)}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/gateway/escrow/checkin`, { method: "POST", body: "{}" });
      await r.text();
      break;
    } catch {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`${kind} server did not come up:\n${err.slice(-2000)}`);
      await sleep(250);
    }
  }
  return {
    url,
    proc,
    async stop() {
      stopping = true;
      proc.kill("SIGTERM");
      for (let i = 0; i < 20 && proc.exitCode === null; i++) await sleep(100);
      if (proc.exitCode === null) proc.kill("SIGKILL");
    },
  };
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
