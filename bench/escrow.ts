// `npm run bench:escrow`: escrow-device throughput and list latency on PostgreSQL.
//   (a) bulk create of 10,000 escrow devices in ONE call through the real HTTP route
//   (b) a 100,000-row CSV import through the portal's import path (validate, then import)
//   (c) list endpoint latency p50/p99 at 100,000 rows
// `npm run bench:escrow -- --bulk` runs (a) only. (a) is split into SQL (time awaiting PostgreSQL,
// round trips included) and the rest; BENCH_VERBOSE=1 lists its statements, BENCH_EXPLAIN=<ms> prints
// the plans of slower statements. Runs in a scratch database created on BENCH_DATABASE_URL's server
// and dropped at the end.
import pg from "pg";
import { type Database, openPostgres } from "@/db/client";
import { issueSessionToken } from "@/lib/accounts/sessions";
import { importEscrowCsv, validateEscrowCsv } from "@/lib/escrow-devices/import";
import { makeTeam } from "@/lib/test/factories";
import { describe, dropScratch, explain, explainSlowStatements, type Handler, load, measureCpu, median, ms, serve, type Timed, timed } from "./harness";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = `handoff_bench_escrow_${process.pid}`;
const RUNS = 3;

const BULK_ONLY = process.argv.includes("--bulk");
const BULK_TARGET = 500;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

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
  await explainSlowStatements(admin, DB_NAME);
  measureCpu(admin, DB_NAME);
  const loadBefore = load();
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
    const s = await serve([
      ["/api/v1/platform/escrow_devices/bulk", bulkRoute],
      ["/api/v1/platform/escrow_devices", listRoute],
    ]);
    server = s.server;

    // (a) bulk create through HTTP
    const maker = await makeTeam(db, "Bench bulk");
    const { session_token: token } = await issueSessionToken(db, maker.users.member.id);
    const bulkTimes: Timed<{ status: number; out: { created?: number } }>[] = [];
    for (let run = 0; run < RUNS; run++) {
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        i % 2 ? { unique_id: `bulk-${run}-${i}`, token: `bulk-token-${run}-${i.toString(36).padStart(8, "0")}` } : { unique_id: `bulk-${run}-${i}` },
      );
      const body = JSON.stringify({ escrow_devices: rows });
      const t = await timed(async () => {
        const r = await fetch(`${s.url}/api/v1/platform/escrow_devices/bulk`, {
          method: "POST",
          headers: { authorization: token, "content-type": "application/json" },
          body,
        });
        return { status: r.status, out: (await r.json()) as { created?: number } };
      });
      bulkTimes.push(t);
      if (t.out.status !== 201 || t.out.out.created !== 10_000) throw new Error(`bulk create failed: ${t.out.status} ${JSON.stringify(t.out.out).slice(0, 300)}`);
    }
    const bm = median(bulkTimes.map((t) => t.total));
    const bulkLine = `| (a) bulk create 10,000 via HTTP (one call) | ${describe(bulkTimes)} | ≤ ${BULK_TARGET} ms ${bm <= BULK_TARGET ? "ok" : "OVER TARGET"} |`;
    if (BULK_ONLY) {
      console.log(`\nEscrow devices on PostgreSQL (${RUNS} runs, median; load average before ${loadBefore}, after ${load()})\n`);
      console.log("| measurement | median (split) and runs | target |");
      console.log("|---|---|---|");
      console.log(bulkLine);
      explain("(a) bulk create", bulkTimes);
      return;
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
    console.log(`\nEscrow devices on PostgreSQL (${RUNS} runs, median; load average before ${loadBefore}, after ${load()})\n`);
    console.log("| measurement | median (split) and runs | target |");
    console.log("|---|---|---|");
    console.log(bulkLine);
    const tm = median(importTimes.map((t) => t.total));
    console.log(`| (b) CSV import 100,000 rows: validate | ${ms(median(importTimes.map((t) => t.validate)))} (runs ${importTimes.map((t) => ms(t.validate)).join(", ")}) | |`);
    console.log(`| (b) CSV import 100,000 rows: import | ${ms(median(importTimes.map((t) => t.import)))} (runs ${importTimes.map((t) => ms(t.import)).join(", ")}) | |`);
    console.log(`| (b) CSV import 100,000 rows: total | ${ms(tm)} (runs ${importTimes.map((t) => ms(t.total)).join(", ")}) | < 30 s ${mark(tm < 30_000)} |`);
    explain("(a) bulk create", bulkTimes);
    console.log("\nList endpoint at 100,000 escrow devices in the account (55 requests each, over HTTP)\n");
    console.log("| query | p50 | p99 | total rows | target p50 < 100 ms |");
    console.log("|---|---|---|---|---|");
    for (const r of listRows) console.log(`| ${r.name} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.total.toLocaleString("en-US")} | ${mark(r.p50 < 100)} |`);
  } finally {
    server?.close();
    await database?.close();
    await dropScratch(admin, DB_NAME);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
