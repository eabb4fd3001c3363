// `npm run bench:escrow`: escrow-device throughput and list latency on PostgreSQL.
//   (a) bulk create of 10,000 escrow devices in ONE call through the real HTTP route
//   (b) a 100,000-row CSV import through the portal's import path (validate, then import)
//   (c) list endpoint latency p50/p99 at 100,000 rows
// Runs in a scratch database created on BENCH_DATABASE_URL's server and dropped at the end.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { type Database, openPostgres } from "@/db/client";
import { issueSessionToken } from "@/lib/accounts/sessions";
import { importEscrowCsv, validateEscrowCsv } from "@/lib/escrow-devices/import";
import { makeTeam } from "@/lib/test/factories";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = `handoff_bench_escrow_${process.pid}`;
const RUNS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A bare HTTP server in front of the real route handlers (the same code `next start` runs). */
async function serve(routes: Record<string, Record<string, Handler>>) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const handler = routes[url.pathname]?.[req.method ?? "GET"];
    if (!handler) return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = req.method === "GET" ? undefined : Buffer.concat(chunks);
    const response = await handler(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function csvOf(prefix: string, n: number): string {
  const lines = ["unique_id,token"];
  for (let i = 0; i < n; i++) {
    // Every 4th row leaves the token empty: the server generates it, as in a real import.
    lines.push(i % 4 === 0 ? `${prefix}-${i}` : `${prefix}-${i},bench-token-${prefix}-${i.toString(36).padStart(8, "0")}`);
  }
  return lines.join("\n");
}

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME}`);
  await admin.query(`create database ${DB_NAME}`);
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  let database: Database | null = null;
  let server: import("node:http").Server | null = null;
  try {
    database = await openPostgres(u.toString(), { max: 10 });
    (globalThis as unknown as { __handoffDb?: Promise<Database> }).__handoffDb = Promise.resolve(database);
    const db = database.db;
    const bulkRoute = (await import("@/app/api/v1/platform/escrow_devices/bulk/route")) as unknown as Record<string, Handler>;
    const listRoute = (await import("@/app/api/v1/platform/escrow_devices/route")) as unknown as Record<string, Handler>;
    const s = await serve({ "/api/v1/platform/escrow_devices/bulk": bulkRoute, "/api/v1/platform/escrow_devices": listRoute });
    server = s.server;

    // (a) bulk create through HTTP
    const maker = await makeTeam(db, "Bench bulk");
    const { session_token: token } = await issueSessionToken(db, maker.users.member.id);
    const bulkTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        i % 2 ? { unique_id: `bulk-${run}-${i}`, token: `bulk-token-${run}-${i.toString(36).padStart(8, "0")}` } : { unique_id: `bulk-${run}-${i}` },
      );
      const body = JSON.stringify({ escrow_devices: rows });
      const t0 = performance.now();
      const r = await fetch(`${s.url}/api/v1/platform/escrow_devices/bulk`, {
        method: "POST",
        headers: { authorization: token, "content-type": "application/json" },
        body,
      });
      const out = (await r.json()) as { created?: number };
      bulkTimes.push(performance.now() - t0);
      if (r.status !== 201 || out.created !== 10_000) throw new Error(`bulk create failed: ${r.status} ${JSON.stringify(out).slice(0, 300)}`);
    }

    // (b) 100,000-row CSV import, one fresh account per run (the first one is kept for (c))
    const importTimes: { validate: number; import: number; total: number }[] = [];
    let listAccount = "";
    let listToken = "";
    for (let run = 0; run < RUNS; run++) {
      const team = await makeTeam(db, `Bench import ${run}`);
      const csv = csvOf(`imp${run}`, 100_000);
      const t0 = performance.now();
      const report = await validateEscrowCsv(team.member, { accountId: team.account.id, csv });
      const t1 = performance.now();
      const out = await importEscrowCsv(team.member, { accountId: team.account.id, csv, expectValid: report.valid });
      const t2 = performance.now();
      if (out.created !== 100_000) throw new Error(`import created ${out.created}`);
      importTimes.push({ validate: t1 - t0, import: t2 - t1, total: t2 - t0 });
      if (run === 0) {
        listAccount = team.account.id;
        listToken = (await issueSessionToken(db, team.users.viewer.id)).session_token;
      }
    }
    await db.execute(/* sql */ (await import("drizzle-orm")).sql`analyze escrow_devices`);

    // (c) list latency at 100,000 rows in the account
    const cases: [string, string][] = [
      ["page 1 (page_meta, total)", `company_id=${listAccount}&page_meta=true`],
      ["status filter", `company_id=${listAccount}&status=escrowed&page_meta=true`],
      ["search unique_id_like", `company_id=${listAccount}&unique_id_like=imp0-4242&page_meta=true`],
      ["sort by unique_id", `company_id=${listAccount}&order_by=unique_id&page_meta=true`],
      ["late page (3,990 of 4,000)", `company_id=${listAccount}&page=3990&page_meta=true`],
    ];
    const listRows: { name: string; p50: number; p99: number; total: number }[] = [];
    for (const [name, q] of cases) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        const r = await fetch(`${s.url}/api/v1/platform/escrow_devices?${q}`, { headers: { authorization: listToken } });
        const body = (await r.json()) as { total: number };
        if (r.status !== 200) throw new Error(`list ${name}: ${r.status} ${JSON.stringify(body)}`);
        if (i >= 5) times.push(performance.now() - t0); // the first few warm caches
        total = body.total;
      }
      listRows.push({ name, p50: pct(times, 50), p99: pct(times, 99), total });
    }

    const mark = (ok: boolean) => (ok ? "ok" : "OVER TARGET");
    console.log(`\nEscrow devices on PostgreSQL (${RUNS} runs, median)\n`);
    console.log("| measurement | median | runs | target |");
    console.log("|---|---|---|---|");
    const bm = median(bulkTimes);
    console.log(`| (a) bulk create 10,000 via HTTP (one call) | ${ms(bm)} | ${bulkTimes.map(ms).join(", ")} | < 2 s ${mark(bm < 2000)} |`);
    const tm = median(importTimes.map((t) => t.total));
    console.log(`| (b) CSV import 100,000 rows: validate | ${ms(median(importTimes.map((t) => t.validate)))} | ${importTimes.map((t) => ms(t.validate)).join(", ")} | |`);
    console.log(`| (b) CSV import 100,000 rows: import | ${ms(median(importTimes.map((t) => t.import)))} | ${importTimes.map((t) => ms(t.import)).join(", ")} | |`);
    console.log(`| (b) CSV import 100,000 rows: total | ${ms(tm)} | ${importTimes.map((t) => ms(t.total)).join(", ")} | < 30 s ${mark(tm < 30_000)} |`);
    console.log("\nList endpoint at 100,000 escrow devices in the account (55 requests each, over HTTP)\n");
    console.log("| query | p50 | p99 | total rows | target p50 < 100 ms |");
    console.log("|---|---|---|---|---|");
    for (const r of listRows) console.log(`| ${r.name} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.total.toLocaleString("en-US")} | ${mark(r.p50 < 100)} |`);
  } finally {
    server?.close();
    await database?.close();
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
