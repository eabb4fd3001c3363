// `npm run bench:transfers`: a 10,000-device transfer request on PostgreSQL, median of 3 runs.
//   (a) create + accept through the lib functions (what every face of the product calls)
//   (b) create + accept over HTTP through the real platform route handlers (auth, JSON, serialisation)
// Each figure is split into SQL (time awaiting PostgreSQL, round trips included) and the rest;
// BENCH_VERBOSE=1 lists the statements of the median run. Targets (HTTP): create ≤ 0.5 s,
// accept ≤ 1 s. Runs in a scratch database that is dropped at the end.
import pg from "pg";
import { type Database, openPostgres } from "@/db/client";
import { issueSessionToken } from "@/lib/accounts/sessions";
import { makeTeam } from "@/lib/test/factories";
import { acceptTransfer } from "@/lib/transfers/accept";
import { createTransfer } from "@/lib/transfers/create";
import { makeDeviceType, makeEscrowDevices } from "@/lib/transfers/test-factories";
import { describe, dropScratch, explain, explainSlowStatements, type Handler, load, measureCpu, median, serve, type Timed, timed } from "./harness";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = `handoff_bench_transfers_${process.pid}`;
const RUNS = 3;
const N = 10_000;
const TARGET = { create: 500, accept: 1000 };

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME}`);
  await admin.query(`create database ${DB_NAME}`);
  await explainSlowStatements(admin, DB_NAME);
  measureCpu(admin, DB_NAME);
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  let database: Database | null = null;
  let server: import("node:http").Server | null = null;
  const loadBefore = load();
  try {
    database = await openPostgres(u.toString(), { max: 10 });
    (globalThis as unknown as { __handoffDb?: Promise<Database> }).__handoffDb = Promise.resolve(database);
    const db = database.db;
    const maker = await makeTeam(db, "Bench maker");
    const buyer = await makeTeam(db, "Bench buyer");
    const type = await makeDeviceType(db, maker.account.id, { name: "Bench Gateway" });

    const lib = { create: [] as Timed<unknown>[], accept: [] as Timed<unknown>[] };
    for (let run = 0; run < RUNS; run++) {
      const escrow = await makeEscrowDevices(db, maker.account.id, N, { prefix: `bench-lib-${run}` });
      const input = { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) };
      const c = await timed(() => createTransfer(maker.member, input));
      const a = await timed(() => acceptTransfer(buyer.admin, c.out._id));
      if (a.out.status !== "accepted" || Object.keys(a.out.errors ?? {}).length) throw new Error("accept did not transfer every device");
      lib.create.push(c);
      lib.accept.push(a);
    }

    const list = (await import("@/app/api/v1/platform/device_transfer_requests/route")) as unknown as Record<string, Handler>;
    const transfer = (await import("@/app/api/v1/platform/device_transfer_requests/[id]/transfer/route")) as unknown as Record<string, Handler>;
    const s = await serve([
      ["/api/v1/platform/device_transfer_requests", list],
      ["/api/v1/platform/device_transfer_requests/:id/transfer", transfer],
    ]);
    server = s.server;
    const makerToken = (await issueSessionToken(db, maker.users.member.id)).session_token;
    const buyerToken = (await issueSessionToken(db, buyer.users.admin.id)).session_token;
    const base = `${s.url}/api/v1/platform/device_transfer_requests`;
    const http = { create: [] as Timed<unknown>[], accept: [] as Timed<unknown>[] };
    for (let run = 0; run < RUNS; run++) {
      const escrow = await makeEscrowDevices(db, maker.account.id, N, { prefix: `bench-http-${run}` });
      const body = JSON.stringify({ to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) });
      const c = await timed(async () => {
        const r = await fetch(base, { method: "POST", headers: { authorization: makerToken, "content-type": "application/json" }, body });
        return { status: r.status, body: (await r.json()) as { _id: string; escrow_device_ids: string[] } };
      });
      if (c.out.status !== 201 || c.out.body.escrow_device_ids.length !== N) throw new Error(`create answered ${c.out.status}`);
      const a = await timed(async () => {
        const r = await fetch(`${base}/${c.out.body._id}/transfer`, { method: "POST", headers: { authorization: buyerToken } });
        return { status: r.status, body: (await r.json()) as { status: string; errors: Record<string, string> } };
      });
      if (a.out.status !== 200 || a.out.body.status !== "accepted" || Object.keys(a.out.body.errors ?? {}).length) throw new Error(`accept answered ${a.out.status}`);
      http.create.push(c);
      http.accept.push(a);
    }

    const mark = (runs: Timed<unknown>[], target: number) => (median(runs.map((r) => r.total)) <= target ? "ok" : "OVER TARGET");
    console.log(`transfers bench — PostgreSQL, ${N.toLocaleString("en-US")} escrow devices per request, median of ${RUNS} runs`);
    console.log(`load average before ${loadBefore}, after ${load()}`);
    console.log(`  lib  create request : ${describe(lib.create)}`);
    console.log(`  lib  accept request : ${describe(lib.accept)}`);
    console.log(`  HTTP create request : ${describe(http.create)}   target ≤ ${TARGET.create} ms ${mark(http.create, TARGET.create)}`);
    console.log(`  HTTP accept request : ${describe(http.accept)}   target ≤ ${TARGET.accept} ms ${mark(http.accept, TARGET.accept)}`);
    explain("HTTP create", http.create);
    explain("HTTP accept", http.accept);
    const ok = median(http.create.map((r) => r.total)) <= TARGET.create && median(http.accept.map((r) => r.total)) <= TARGET.accept;
    console.log(ok ? "  all targets met" : "  TARGET MISSED");
    process.exitCode = ok ? 0 : 1;
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
