// `npm run bench:checkin`: escrow check-ins and heartbeats per second and p50/p99 at 50 concurrent
// keep-alive connections, in the same run, against
//   (a) the fast path: scripts/server.ts, what `npm start` runs (gateway paths without Next),
//   (b) the same handler as a Next route handler under a bare `next start`,
//   (c) a bare node:http + pg reference server doing the same lookups (bench/reference-server.ts),
// with the ratios to the reference. PostgreSQL scratch database with 10,000 escrow devices and
// 10,000 devices on BENCH_DATABASE_URL's server, dropped at the end. Loopback only; the load
// generator runs in this process, on the same machine.

import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import pg from "pg";
import { buildIfNeeded, freePort, loadAverage, median, pct, scratchDatabase, sleep, startApp } from "./app-server";

const DEVICES = 10_000;
const CONCURRENCY = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RATE_WINDOW_MS = 1000;

const tokenOf = (i: number) => `bench-escrow-token-${String(i).padStart(6, "0")}`;
const uidOf = (i: number) => `bench-gw-${String(i).padStart(6, "0")}`;
const deviceTokenOf = (i: number) => `hd_bench-device-token-${String(i).padStart(6, "0")}`;

interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  count: number;
  statuses: Record<number, number>;
}

interface Shape {
  path: string;
  body(i: number): string;
  headers(i: number): Record<string, string>;
}

const checkin: Shape = {
  path: "/api/v1/gateway/escrow/checkin",
  body: (i) => JSON.stringify({ unique_id: uidOf(i), token: tokenOf(i), agent_version: "bench" }),
  headers: () => ({}),
};
const heartbeat: Shape = {
  path: "/api/v1/gateway/heartbeat",
  body: () => JSON.stringify({ values: { uptime: 1 } }),
  headers: (i) => ({ authorization: `Device ${deviceTokenOf(i)}` }),
};

/** `concurrency` loops over one keep-alive agent for `seconds`, rotating over the 10,000 ids. */
async function load(base: string, shape: Shape, seconds: number, concurrency = CONCURRENCY): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(shape.path, base);
  const lat: number[] = [];
  const statuses: Record<number, number> = {};
  let next = Math.floor(Math.random() * DEVICES);
  const started = performance.now();
  const end = started + seconds * 1000;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const payload = shape.body(i);
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...shape.headers(i) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            lat.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await one(next++ % DEVICES);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { rps: lat.length / elapsed, p50: pct(lat, 50), p99: pct(lat, 99), count: lat.length, statuses };
}

async function seed(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`insert into accounts (id, name) values ('bench00000000000000000001', 'Bench maker'), ('bench00000000000000000002', 'Bench buyer')`);
  await c.query(
    `insert into device_types (id, account_id, name, manufacturer, model, type, config)
     values ('benchtype000000000000002', 'bench00000000000000000002', 'Pump gateway', 'Acme', 'EG-1', 'gateway', '{"heartbeat_period": 60}')`,
  );
  // Seen a day ago: every check-in's last_checkin_at goes to the write-behind, as in a real fleet.
  await c.query(
    `insert into escrow_devices (id, account_id, unique_id, token_digest, token_hint, first_checkin_at, last_checkin_at)
     select lpad(to_hex(i), 24, '0'), 'bench00000000000000000001', 'bench-gw-' || lpad(i::text, 6, '0'),
            encode(sha256(convert_to('bench-escrow-token-' || lpad(i::text, 6, '0'), 'UTF8')), 'hex'), lpad(i::text, 4, '0'),
            now() - interval '1 day', now() - interval '1 day'
     from generate_series(0, $1 - 1) i`,
    [DEVICES],
  );
  // Active devices that have heartbeated before (no first-heartbeat audit in the measured runs).
  await c.query(
    `insert into devices (id, account_id, unique_id, name, device_type_id, heartbeat_period, device_token_digest, first_heartbeat_at, heartbeat_at)
     select 'd' || lpad(to_hex(i), 23, '0'), 'bench00000000000000000002', 'bench-dev-' || lpad(i::text, 6, '0'), 'bench device', 'benchtype000000000000002', 60,
            encode(sha256(convert_to('hd_bench-device-token-' || lpad(i::text, 6, '0'), 'UTF8')), 'hex'), now() - interval '1 day', now() - interval '1 day'
     from generate_series(0, $1 - 1) i`,
    [DEVICES],
  );
  await c.query("analyze");
  await c.end();
}

async function main() {
  buildIfNeeded();
  const db = await scratchDatabase(`handoff_bench_checkin_${process.pid}`);
  const stops: (() => Promise<void>)[] = [];
  try {
    await seed(db.url);
    // The rate-limit window is shortened so a fast run over 10,000 ids cannot trip 12/min; the
    // limiter still runs on every request.
    const env = { HANDOFF_GATEWAY_RATE_WINDOW_MS: String(RATE_WINDOW_MS) };
    const fast = await startApp("fast", db.url, env);
    stops.push(fast.stop);
    const next = await startApp("next", db.url, env);
    stops.push(next.stop);
    const refPort = await freePort();
    const ref: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/reference-server.ts"], {
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(refPort) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    stops.push(async () => {
      ref.kill("SIGTERM");
    });
    const refUrl = `http://127.0.0.1:${refPort}`;
    for (let i = 0; i < 200; i++) {
      try {
        await (await fetch(`${refUrl}/api/v1/gateway/escrow/checkin`, { method: "POST", body: "{}" })).text();
        break;
      } catch {
        await sleep(100);
      }
    }

    console.log(`${DEVICES} escrow devices and ${DEVICES} devices; ${CONCURRENCY} keep-alive connections; ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up; median of ${RUNS}`);
    console.log(`database pool ${process.env.HANDOFF_DB_POOL ?? 10} per server; rate-limit windows ${RATE_WINDOW_MS} ms (HANDOFF_GATEWAY_RATE_WINDOW_MS); load average ${loadAverage()}`);
    const servers = [
      { name: "fast path (npm start)", url: fast.url },
      { name: "Next route (next start)", url: next.url },
      { name: "bare node:http + pg reference", url: refUrl },
    ];
    for (const [label, shape] of [
      ["escrow check-in", checkin],
      ["heartbeat", heartbeat],
    ] as const) {
      for (const s of servers) await load(s.url, shape, WARMUP_SECONDS);
      const results = new Map<string, RunResult[]>();
      // Interleaved, so the machine's noise falls on every server alike.
      for (let run = 0; run < RUNS; run++)
        for (const s of servers) results.set(s.name, [...(results.get(s.name) ?? []), await load(s.url, shape, SECONDS)]);
      console.log(`\n${label}:`);
      const refRps = median(results.get(servers[2].name)!.map((r) => r.rps));
      for (const s of servers) {
        const rs = results.get(s.name)!;
        const rps = median(rs.map((r) => r.rps));
        const statuses: Record<number, number> = {};
        for (const r of rs) for (const [k, v] of Object.entries(r.statuses)) statuses[Number(k)] = (statuses[Number(k)] ?? 0) + v;
        console.log(
          `  ${s.name.padEnd(32)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${median(rs.map((r) => r.p50)).toFixed(1).padStart(5)} ms  p99 ${median(rs.map((r) => r.p99)).toFixed(1).padStart(6)} ms  ` +
            `${((100 * rps) / refRps).toFixed(0).padStart(3)} % of the reference  (runs ${rs.map((r) => r.rps.toFixed(0)).join(", ")}; statuses ${JSON.stringify(statuses)})`,
        );
      }
    }
    console.log(`\nload average at the end: ${loadAverage()} (2 cores; the load generator shares them)`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
