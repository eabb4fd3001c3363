// `npm run bench:fleet [-- --fleet N]`: the real server (scripts/server.ts, what `npm start` runs) on a
// scratch PostgreSQL database, N reference agents (lib/agent, in this process) long-polling it, then
// ONE accept of all N over the platform API. Prints, from the accept's answer to "active":
// p50/p95/p99/max as the database saw it (config_delivered_at) and as the agents saw it, activations
// per second, the server's RSS before / with N waiting / after, and errors.
import { setMaxListeners } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type GatewayStatus, runGateway } from "@/lib/agent/gateway";
import { hashPassword } from "@/lib/auth/secrets";
import { buildIfNeeded, loadAverage, pct, rssMb, scratchDatabase, sleep, startApp } from "./app-server";

const { values } = parseArgs({ options: { fleet: { type: "string" }, wait: { type: "string" } } });
const N = Number(values.fleet ?? process.env.BENCH_FLEET ?? 1000);
const WAIT = Number(values.wait ?? 30);
const PASSWORD = "bench-password-1";
const MAKER = "benchmaker00000000000001";
const BUYER = "benchbuyer00000000000001";

const uid = (i: number) => `fleet-gw-${String(i).padStart(6, "0")}`;
const tok = (i: number) => `fleet-escrow-token-${String(i).padStart(6, "0")}`;

function summary(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const f = (x: number) => `${(x / 1000).toFixed(2)} s`;
  return `${label}: n ${s.length}  p50 ${f(pct(s, 50))}  p95 ${f(pct(s, 95))}  p99 ${f(pct(s, 99))}  max ${f(s[s.length - 1])}`;
}

async function seed(c: pg.Client): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  await c.query(`insert into accounts (id, name) values ($1, 'Fleet maker'), ($2, 'Fleet buyer')`, [MAKER, BUYER]);
  await c.query(
    `insert into users (id, email, password_hash, primary_account_id) values
       ('benchuser000000000000001', 'maker@fleet.test', $1, $2), ('benchuser000000000000002', 'buyer@fleet.test', $1, $3)`,
    [hash, MAKER, BUYER],
  );
  await c.query(
    `insert into memberships (user_id, account_id, role) values ('benchuser000000000000001', $1, 'admin'), ('benchuser000000000000002', $2, 'admin')`,
    [MAKER, BUYER],
  );
  await c.query(
    `insert into device_types (id, account_id, name, manufacturer, model, type, config) values
       ('benchtype000000000000001', $1, 'EG-1', 'Acme', 'EG-1', 'gateway', '{"heartbeat_period": 60, "log_config": {"level": "info"}}'),
       ('benchtype000000000000002', $2, 'Pump gateway', 'Acme', 'EG-1', 'gateway', '{"heartbeat_period": 60, "ntp": "pool.ntp.org"}')`,
    [MAKER, BUYER],
  );
  await c.query(
    `insert into escrow_devices (id, account_id, unique_id, token_digest, token_hint, device_type_id)
     select lpad(to_hex(i), 24, '0'), $1, 'fleet-gw-' || lpad(i::text, 6, '0'),
            encode(sha256(convert_to('fleet-escrow-token-' || lpad(i::text, 6, '0'), 'UTF8')), 'hex'), lpad(i::text, 4, '0'), 'benchtype000000000000001'
     from generate_series(1, $2) i`,
    [MAKER, N],
  );
  await c.query("analyze");
}

async function api(base: string, p: string, body: unknown, bearer?: string) {
  const r = await fetch(base + p, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await r.json().catch(() => null);
  if (!r.ok) throw new Error(`${p}: HTTP ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

async function main() {
  buildIfNeeded();
  const db = await scratchDatabase(`handoff_bench_fleet_${process.pid}`);
  const stateRoot = mkdtempSync(path.join(tmpdir(), "handoff-fleet-"));
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  let server: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    c.on("error", () => {});
    await seed(c);
    server = await startApp("fast", db.url);
    const pid = server.proc.pid;
    const base = server.url;
    const makerToken = (await api(base, "/api/v1/platform/user/authenticate", { email: "maker@fleet.test", password: PASSWORD })).session_token;
    const buyerToken = (await api(base, "/api/v1/platform/user/authenticate", { email: "buyer@fleet.test", password: PASSWORD })).session_token;
    const ids = (await c.query<{ id: string }>("select id from escrow_devices order by unique_id")).rows.map((r) => r.id);
    const request = await api(base, "/api/v1/platform/device_transfer_requests", { to_company_id: BUYER, device_type_id: "benchtype000000000000001", escrow_device_ids: ids }, makerToken);
    await sleep(1000);
    const rssBefore = rssMb(pid);

    console.log(`fleet of ${N} reference agents (long-poll wait ${WAIT} s) against ${base}; load average ${loadAverage()}`);
    const status = new Map<string, GatewayStatus>();
    const activeAt = new Map<string, number>();
    const seenEscrow = new Set<string>();
    const configuredAt = new Map<string, number>();
    const errors: string[] = [];
    const runs: Promise<GatewayStatus>[] = [];
    for (let i = 1; i <= N; i++) {
      const u = uid(i);
      runs.push(
        runGateway(
          { url: base, uniqueId: u, token: tok(i), stateDir: path.join(stateRoot, u), wait: WAIT, once: false, verbose: false },
          controller.signal,
          {
            status: (s) => {
              status.set(u, s);
              if (s === "escrow") seenEscrow.add(u);
              if (s === "active" && !activeAt.has(u)) activeAt.set(u, Date.now());
            },
            configured: () => {
              if (!configuredAt.has(u)) configuredAt.set(u, Date.now());
            },
            log: (line) => {
              if (line.startsWith("error")) errors.push(`${u}: ${line}`);
            },
          },
        ),
      );
      if (i % 50 === 0) await sleep(20);
    }
    // Every agent has had its first answer (escrow) and long-polls from then on.
    const startWait = Date.now();
    while (seenEscrow.size < N) {
      if (Date.now() - startWait > 180_000) throw new Error(`only ${seenEscrow.size} of ${N} agents reached escrow`);
      await sleep(200);
    }
    // Time for the last long-polls to reach the server from this (busy) process.
    await sleep(5000);
    const rssWaiting = rssMb(pid);

    const notWaiting = [...status.values()].filter((st) => st !== "escrow").length;
    const sentAt = Date.now();
    await api(base, `/api/v1/platform/device_transfer_requests/${request._id}/transfer`, { device_type_id: "benchtype000000000000002" }, buyerToken);
    const acceptedAt = Date.now();
    let peakRss = rssMb(pid);
    while (activeAt.size < N && Date.now() - acceptedAt < 60_000) {
      await sleep(100);
      peakRss = Math.max(peakRss, rssMb(pid));
    }
    const lastActive = Math.max(...activeAt.values());
    await sleep(2000);
    const rssAfter = rssMb(pid);

    const delivered = (
      await c.query<{ ms: string }>(
        "select (extract(epoch from config_delivered_at) * 1000)::bigint as ms from devices where account_id = $1 and config_delivered_at is not null",
        [BUYER],
      )
    ).rows.map((r) => Number(r.ms) - acceptedAt);
    const notDelivered = N - delivered.length;
    const agentMs = [...activeAt.values()].map((t) => t - acceptedAt);
    const receivedMs = [...configuredAt.values()].map((t) => t - acceptedAt);
    const events = (await c.query<{ n: string }>("select count(*) n from audit_events where action = 'gateway.activated' and subject_type = 'device'")).rows[0].n;

    console.log(`agents not in escrow (in error/backoff) when the accept was sent: ${notWaiting}`);
    console.log(`accept of ${N} answered in ${((acceptedAt - sentAt) / 1000).toFixed(2)} s (times below are from that answer: the accept had committed)`);
    console.log(`  ${summary("config delivered (database, config_delivered_at)", delivered)}`);
    console.log(`  ${summary("config received (agents)                       ", receivedMs)}`);
    console.log(`  ${summary("active (agents, after writing their state)     ", agentMs)}`);
    console.log(`  within 1 s: ${delivered.filter((x) => x <= 1000).length} of ${N}; within 2 s: ${delivered.filter((x) => x <= 2000).length}; within 3 s: ${delivered.filter((x) => x <= 3000).length}`);
    console.log(`  activations per second: ${(activeAt.size / Math.max(0.001, (lastActive - acceptedAt) / 1000)).toFixed(0)} (agents; ${activeAt.size} in ${((lastActive - acceptedAt) / 1000).toFixed(2)} s)`);
    console.log(`  gateway.activated events (device): ${events}; not delivered: ${notDelivered}; agents not active: ${N - activeAt.size}; agent errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ""}`);
    console.log(`  server RSS: before ${rssBefore.toFixed(0)} MB · ${N} waiting ${rssWaiting.toFixed(0)} MB · peak during activation ${peakRss.toFixed(0)} MB · after ${rssAfter.toFixed(0)} MB`);
    console.log(`  load average at the end: ${loadAverage()}`);
    controller.abort();
    await Promise.race([Promise.all(runs), sleep(5000)]);
    await c.end();
  } finally {
    controller.abort();
    await server?.stop();
    await db.drop();
    rmSync(stateRoot, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
