// `npm run bench:checkin`: escrow check-ins per second and p50/p99 latency at 50 concurrent
// keep-alive connections, against
//   (a) the real Next route handler under `next start` (production build in .next-gateway),
//   (b) a bare node:http + pg reference server doing the same lookup (bench/reference-server.ts),
//   (c) a Next route handler that touches no database (the gateway 404 route): Next's own floor,
// plus the time spent inside the check-in handler (Server-Timing) against the client's latency.
// PostgreSQL scratch database with 10,000 escrow devices on BENCH_DATABASE_URL's server, dropped at
// the end. Loopback only; the load generator runs in this process.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { openPostgres } from "@/db/client";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = `handoff_bench_checkin_${process.pid}`;
const DEVICES = 10_000;
const CONCURRENCY = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = 2;
const RUNS = 3;
const DIST = ".next-gateway";
const RATE_WINDOW_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const tokenOf = (i: number) => `bench-escrow-token-${String(i).padStart(6, "0")}`;
const uidOf = (i: number) => `bench-gw-${String(i).padStart(6, "0")}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url, { method: "POST", body: "{}" });
      await r.text();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not come up`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  count: number;
  statuses: Record<number, number>;
  handlerMs: number | null;
}

/** `concurrency` loops over one keep-alive agent for `seconds`, rotating over the unique_ids. */
async function load(base: string, path_: string, seconds: number, body: (i: number) => string, concurrency = CONCURRENCY): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(path_, base);
  const lat: number[] = [];
  const handler: number[] = [];
  const statuses: Record<number, number> = {};
  let next = Math.floor(Math.random() * DEVICES);
  const started = performance.now();
  const end = started + seconds * 1000;
  const one = (payload: string) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            lat.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            const st = /dur=([\d.]+)/.exec(String(res.headers["server-timing"] ?? ""));
            if (st) handler.push(Number(st[1]));
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await one(body(next++ % DEVICES));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return {
    rps: lat.length / elapsed,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    count: lat.length,
    statuses,
    handlerMs: handler.length ? handler.reduce((a, b) => a + b, 0) / handler.length : null,
  };
}

function checkinBody(i: number): string {
  return JSON.stringify({ unique_id: uidOf(i), token: tokenOf(i), agent_version: "bench" });
}

function spawnServer(cmd: string, args: string[], env: NodeJS.ProcessEnv, label: string): ChildProcess {
  const p = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  p.stderr!.on("data", (d) => {
    err += d;
  });
  p.on("exit", (code) => {
    if (code && code !== 0 && !stopping) console.error(`${label} exited with ${code}:\n${err.slice(-2000)}`);
  });
  return p;
}
let stopping = false;

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME}`);
  await admin.query(`create database ${DB_NAME}`);
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  const dbUrl = u.toString();
  const children: ChildProcess[] = [];
  try {
    const database = await openPostgres(dbUrl);
    await database.close();
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query(`insert into accounts (id, name) values ('bench00000000000000000001', 'Bench maker')`);
    // Seen recently, so the measured runs are the steady-state read path of a polling fleet
    // (last_checkin_at is rewritten at most every 30 s per device; the bench stays within that).
    await c.query(
      `insert into escrow_devices (id, account_id, unique_id, token_digest, token_hint, first_checkin_at, last_checkin_at)
       select lpad(to_hex(i), 24, '0'), 'bench00000000000000000001', 'bench-gw-' || lpad(i::text, 6, '0'),
              encode(sha256(convert_to('bench-escrow-token-' || lpad(i::text, 6, '0'), 'UTF8')), 'hex'), lpad(i::text, 4, '0'),
              now() - interval '1 day', now() + interval '1 hour'
       from generate_series(0, $1 - 1) i`,
      [DEVICES],
    );
    await c.query("analyze escrow_devices");
    await c.end();

    if (!existsSync(path.join(DIST, "BUILD_ID")) || process.env.BENCH_REBUILD === "1") {
      console.log(`building the production app into ${DIST} …`);
      const b = spawnSync("node_modules/.bin/next", ["build"], { env: { ...process.env, NEXT_DIST_DIR: DIST }, stdio: "inherit" });
      if (b.status !== 0) throw new Error("next build failed");
    }

    const nextPort = await freePort();
    const refPort = await freePort();
    const authSecret = "bench-secret-bench-secret-bench-secret-0123456789";
    const serverEnv = {
      ...process.env,
      NODE_ENV: "production" as const,
      DATABASE_URL: dbUrl,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      NEXT_DIST_DIR: DIST,
      HANDOFF_SEED: "off",
      HANDOFF_SERVER_TIMING: "1",
      HANDOFF_GATEWAY_RATE_WINDOW_MS: String(RATE_WINDOW_MS),
    };
    children.push(spawnServer("node_modules/.bin/next", ["start", "-p", String(nextPort), "-H", "127.0.0.1"], serverEnv, "next start"));
    children.push(spawnServer("node_modules/.bin/tsx", ["bench/reference-server.ts"], { ...serverEnv, PORT: String(refPort) }, "reference server"));
    const nextUrl = `http://127.0.0.1:${nextPort}`;
    const refUrl = `http://127.0.0.1:${refPort}`;
    await waitForHttp(`${nextUrl}/api/v1/gateway/escrow/checkin`);
    await waitForHttp(`${refUrl}/api/v1/gateway/escrow/checkin`);

    console.log(`${DEVICES} escrow devices; ${CONCURRENCY} concurrent keep-alive connections; ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up; median of ${RUNS}`);
    console.log(`database pool: ${process.env.HANDOFF_DB_POOL ?? 10} connections per server (HANDOFF_DB_POOL); load average now ${(await import("node:os")).loadavg()[0].toFixed(1)}`);
    console.log(`rate-limit windows shortened to ${RATE_WINDOW_MS} ms for the bench (HANDOFF_GATEWAY_RATE_WINDOW_MS): the limiter still runs on every request, but a fast run over 10,000 ids cannot trip 12/min`);
    const targets = [
      { name: "next start: POST /api/v1/gateway/escrow/checkin", base: nextUrl, path: "/api/v1/gateway/escrow/checkin", body: checkinBody },
      { name: "bare node:http + pg reference server", base: refUrl, path: "/api/v1/gateway/escrow/checkin", body: checkinBody },
      { name: "next start: a gateway route with no database (404)", base: nextUrl, path: "/api/v1/gateway/no-such-route", body: () => "{}" },
    ];
    const results = new Map<string, RunResult[]>();
    for (const t of targets) await load(t.base, t.path, WARMUP_SECONDS, t.body);
    for (let run = 0; run < RUNS; run++) {
      for (const t of targets) {
        const r = await load(t.base, t.path, SECONDS, t.body);
        results.set(t.name, [...(results.get(t.name) ?? []), r]);
      }
    }

    console.log("");
    const summary: Record<string, { rps: number; p50: number; p99: number; handler: number | null }> = {};
    for (const t of targets) {
      const rs = results.get(t.name)!;
      const rps = median(rs.map((r) => r.rps));
      const p50 = median(rs.map((r) => r.p50));
      const p99 = median(rs.map((r) => r.p99));
      const handlers = rs.map((r) => r.handlerMs).filter((x): x is number => x != null);
      const handler = handlers.length ? median(handlers) : null;
      summary[t.name] = { rps, p50, p99, handler };
      const statuses: Record<number, number> = {};
      for (const r of rs) for (const [k, v] of Object.entries(r.statuses)) statuses[Number(k)] = (statuses[Number(k)] ?? 0) + v;
      console.log(`${t.name}`);
      console.log(
        `  ${rps.toFixed(0).padStart(6)} req/s   p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   (runs: ${rs.map((r) => r.rps.toFixed(0)).join(", ")} req/s; statuses ${JSON.stringify(statuses)})`,
      );
      if (handler != null) console.log(`  mean time inside the route handler: ${handler.toFixed(2)} ms of a ${p50.toFixed(1)} ms median round trip`);
    }
    // One connection, one request at a time: the per-request cost without queueing.
    console.log("");
    console.log("one connection, no concurrency (where a single request's time goes):");
    const serial: Record<string, RunResult> = {};
    for (const t of targets) {
      const r = await load(t.base, t.path, 3, t.body, 1);
      serial[t.name] = r;
      const inside = r.handlerMs != null ? `; inside the check-in handler ${r.handlerMs.toFixed(2)} ms` : "";
      console.log(`  ${t.name}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms${inside}`);
    }
    const [real, ref, floor] = targets.map((t) => summary[t.name]);
    const [sReal, , sFloor] = targets.map((t) => serial[t.name]);
    console.log("");
    console.log(`ratio: the reference server does ${(ref.rps / real.rps).toFixed(1)}× the check-ins/s of the Next route handler (${ref.rps.toFixed(0)} vs ${real.rps.toFixed(0)} req/s)`);
    console.log(
      `where the time goes: a Next route that touches no database peaks at ${floor.rps.toFixed(0)} req/s here, so Next's own request pipeline is the ceiling; ` +
        `serially a check-in takes ${sReal.p50.toFixed(2)} ms, of which ${sReal.handlerMs?.toFixed(2)} ms inside the handler (parse, rate limit, prepared lookup, digest compare) ` +
        `and ~${(sReal.p50 - (sReal.handlerMs ?? 0)).toFixed(2)} ms in Next around it (the no-database route: ${sFloor.p50.toFixed(2)} ms). ` +
        `Under ${CONCURRENCY} connections the handler's mean (${real.handler?.toFixed(1)} ms) is mostly waiting for the shared event loop, not database time.`,
    );
  } finally {
    stopping = true;
    for (const p of children) p.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    for (const p of children) if (p.exitCode === null) p.kill("SIGKILL");
    await admin.query(`drop database if exists ${DB_NAME} with (force)`).catch(() => {});
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
