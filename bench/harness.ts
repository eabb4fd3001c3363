// Shared by the platform benches: a bare HTTP server in front of the real route handlers, and a
// statement clock on the pg driver so each figure splits into "SQL" (time awaiting PostgreSQL,
// round trips included) and "the rest" (body, JSON, validation, auth logic, serialisation).

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import pg from "pg";

export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** A route: a path pattern whose `:name` segments become params, and its handlers by method. */
export type Route = [pattern: string, handlers: Record<string, Handler>];

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
export const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(":")) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** A bare HTTP server in front of the real route handlers (the same code `next start` runs). */
export async function serve(routes: Route[]): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let found: [Handler, Record<string, string>] | null = null;
    for (const [pattern, handlers] of routes) {
      const params = match(pattern, url.pathname);
      const h = handlers[req.method ?? "GET"];
      if (params && h) found = [h, params];
    }
    if (!found) return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = req.method === "GET" ? undefined : Buffer.concat(chunks);
    const response = await found[0](new Request(url, { method: req.method, headers, body }), { params: Promise.resolve(found[1]) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Statements seen by the clock while it runs: text (first line, shortened) and milliseconds. */
export interface Statement {
  sql: string;
  ms: number;
}

let recording: Statement[] | null = null;
let installed = false;

/** Wraps pg.Client#query once, so every statement of the process (pool or not) is timed. */
function install() {
  if (installed) return;
  installed = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const list = recording;
    if (!list) return original.apply(this, args);
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string })?.text ?? "");
    const entry: Statement = { sql: text.replace(/\s+/g, " ").trim().slice(0, 90), ms: 0 };
    const t0 = performance.now();
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        entry.ms = performance.now() - t0;
        list.push(entry);
        return (last as (...a: unknown[]) => unknown)(...cbArgs);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as Promise<unknown> | undefined;
    if (out && typeof out.then === "function") {
      return out.then(
        (v) => {
          entry.ms = performance.now() - t0;
          list.push(entry);
          return v;
        },
        (e) => {
          entry.ms = performance.now() - t0;
          list.push(entry);
          throw e;
        },
      );
    }
    return out;
  };
}

export interface Timed<T> {
  out: T;
  total: number;
  sql: number;
  statements: Statement[];
  /** CPU milliseconds of PostgreSQL's backends for the scratch database, when known. */
  dbCpu: number | null;
  /** CPU milliseconds of this process (the server's JavaScript and the bench client's). */
  nodeCpu: number;
}

let cpuSource: { admin: pg.Client; dbName: string } | null = null;

/**
 * Also count CPU time: wall times on a shared 2-core machine swing with everyone else's load, CPU
 * time spent by the server process and by the database's backends much less so.
 */
export function measureCpu(admin: pg.Client, dbName: string): void {
  cpuSource = { admin, dbName };
}

const TICK_MS = 1000 / 100; // Linux USER_HZ

async function backendCpu(): Promise<Map<number, number> | null> {
  if (!cpuSource) return null;
  const { rows } = await cpuSource.admin.query("select pid from pg_stat_activity where datname = $1", [cpuSource.dbName]);
  const out = new Map<number, number>();
  for (const { pid } of rows as { pid: number }[]) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(f[11]) + Number(f[12])) * TICK_MS);
    } catch {
      return null; // the database runs elsewhere (or /proc is not readable): no CPU figure
    }
  }
  return out;
}

/** Runs `fn`, returning its wall time, the time spent awaiting statements and the CPU used. */
export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  install();
  const before = await backendCpu();
  const statements: Statement[] = [];
  const cpu0 = process.cpuUsage();
  recording = statements;
  const t0 = performance.now();
  let out: T;
  let total: number;
  try {
    out = await fn();
    total = performance.now() - t0;
  } finally {
    recording = null;
  }
  const c = process.cpuUsage(cpu0);
  const after = await backendCpu();
  let dbCpu: number | null = null;
  if (before && after) {
    dbCpu = 0;
    for (const [pid, ms] of after) dbCpu += ms - (before.get(pid) ?? 0);
  }
  return { out, total, sql: statements.reduce((s, x) => s + x.ms, 0), statements, dbCpu, nodeCpu: (c.user + c.system) / 1000 };
}

/**
 * "412 ms (SQL 180 ms in 9 statements + rest 232 ms; CPU: database 150 ms, node 120 ms; runs …)"
 * — the split and CPU are the median run's.
 */
export function describe(runs: Timed<unknown>[]): string {
  const sorted = [...runs].sort((a, b) => a.total - b.total);
  const mid = sorted[Math.floor(sorted.length / 2)];
  const cpu = `CPU: database ${mid.dbCpu == null ? "?" : ms(mid.dbCpu)}, node ${ms(mid.nodeCpu)}`;
  return `${ms(mid.total)} (SQL ${ms(mid.sql)} in ${mid.statements.length} statements + rest ${ms(mid.total - mid.sql)}; ${cpu}; runs ${runs.map((r) => ms(r.total)).join(", ")})`;
}

/** With BENCH_VERBOSE=1: each statement of the median run, slowest first. */
export function explain(name: string, runs: Timed<unknown>[]): void {
  if (!process.env.BENCH_VERBOSE) return;
  const sorted = [...runs].sort((a, b) => a.total - b.total);
  const mid = sorted[Math.floor(sorted.length / 2)];
  console.log(`  ${name}: statements of the median run`);
  for (const s of [...mid.statements].sort((a, b) => b.ms - a.ms)) console.log(`    ${ms(s.ms).padStart(8)}  ${s.sql}`);
}

/**
 * With BENCH_EXPLAIN=<ms>: every statement slower than that, in the scratch database, prints its
 * plan with actual times (auto_explain at NOTICE level, set on the database before connecting).
 */
export async function explainSlowStatements(admin: pg.Client, dbName: string): Promise<void> {
  const threshold = Number(process.env.BENCH_EXPLAIN);
  if (!threshold) return;
  await admin.query(`alter database ${dbName} set session_preload_libraries = 'auto_explain'`);
  for (const [k, v] of [
    ["log_min_duration", String(threshold)],
    ["log_analyze", "on"],
    ["log_buffers", "on"],
    ["log_triggers", "on"],
    ["log_nested_statements", "on"],
    ["log_level", "notice"],
  ])
    await admin.query(`alter database ${dbName} set auto_explain.${k} = '${v}'`);
  const proto = pg.Client.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const connect = proto.connect;
  proto.connect = function (this: pg.Client, ...args: unknown[]) {
    this.on("notice", (n) => console.log(`[auto_explain] ${n.message}`));
    return connect.apply(this, args);
  };
}

/**
 * Drops the bench's scratch database once its connections have gone (a pool's `end()` can resolve
 * while a socket is still closing; forcing at once would kill it and crash the bench).
 */
export async function dropScratch(admin: pg.Client, dbName: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where datname = $1", [dbName]);
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin.query(`drop database if exists ${dbName} with (force)`);
}
