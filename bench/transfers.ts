// `npm run bench:transfers`: a 10,000-device transfer request on PostgreSQL, median of 3 runs.
//   (a) create + accept through the lib functions (what every face of the product calls)
//   (b) create + accept through the real platform route handlers (auth, JSON, serialization)
// Targets: create < 2 s, accept < 3 s. Runs in a scratch database that is dropped at the end.
import pg from "pg";
import { type Database, openPostgres } from "@/db/client";
import { issueSessionToken } from "@/lib/accounts/sessions";
import { makeTeam } from "@/lib/test/factories";
import { acceptTransfer } from "@/lib/transfers/accept";
import { createTransfer } from "@/lib/transfers/create";
import { makeDeviceType, makeEscrowDevices } from "@/lib/transfers/test-factories";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = `handoff_bench_transfers_${process.pid}`;
const RUNS = 3;
const N = 10_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms  (runs: ${xs.map((x) => x.toFixed(0)).join(", ")} ms)`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME}`);
  await admin.query(`create database ${DB_NAME}`);
  const u = new URL(BASE_URL);
  u.pathname = `/${DB_NAME}`;
  let database: Database | null = null;
  try {
    database = await openPostgres(u.toString(), { max: 10 });
    (globalThis as unknown as { __handoffDb?: Promise<Database> }).__handoffDb = Promise.resolve(database);
    const db = database.db;
    const maker = await makeTeam(db, "Bench maker");
    const buyer = await makeTeam(db, "Bench buyer");
    const type = await makeDeviceType(db, maker.account.id, { name: "Bench Gateway" });

    const lib = { create: [] as number[], accept: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const escrow = await makeEscrowDevices(db, maker.account.id, N, { prefix: `bench-lib-${run}` });
      const input = { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) };
      const [t, c] = await timed(() => createTransfer(maker.member, input));
      const [a, d] = await timed(() => acceptTransfer(buyer.admin, t._id));
      if (a.status !== "accepted" || Object.keys(a.errors ?? {}).length) throw new Error("accept did not transfer every device");
      lib.create.push(c);
      lib.accept.push(d);
    }

    const list = (await import("@/app/api/v1/platform/device_transfer_requests/route")) as unknown as Record<string, Handler>;
    const transfer = (await import("@/app/api/v1/platform/device_transfer_requests/[id]/transfer/route")) as unknown as Record<string, Handler>;
    const makerToken = (await issueSessionToken(db, maker.users.member.id)).session_token;
    const buyerToken = (await issueSessionToken(db, buyer.users.admin.id)).session_token;
    const base = "http://bench.local/api/v1/platform/device_transfer_requests";
    const http = { create: [] as number[], accept: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const escrow = await makeEscrowDevices(db, maker.account.id, N, { prefix: `bench-http-${run}` });
      const body = JSON.stringify({ to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: escrow.map((e) => e.id) });
      const [created, c] = await timed(async () => {
        const r = await list.POST(new Request(base, { method: "POST", headers: { authorization: makerToken, "content-type": "application/json" }, body }), { params: Promise.resolve({}) });
        return { status: r.status, body: (await r.json()) as { _id: string } };
      });
      if (created.status !== 201) throw new Error(`create answered ${created.status}`);
      const [accepted, d] = await timed(async () => {
        const r = await transfer.POST(new Request(`${base}/${created.body._id}/transfer`, { method: "POST", headers: { authorization: buyerToken } }), {
          params: Promise.resolve({ id: created.body._id }),
        });
        return { status: r.status, body: (await r.json()) as { status: string } };
      });
      if (accepted.status !== 200 || accepted.body.status !== "accepted") throw new Error(`accept answered ${accepted.status}`);
      http.create.push(c);
      http.accept.push(d);
    }

    console.log(`transfers bench — PostgreSQL, ${N.toLocaleString("en-US")} escrow devices per request, ${RUNS} runs`);
    console.log(`  lib  create request : ${fmt(lib.create)}   target < 2000 ms`);
    console.log(`  lib  accept request : ${fmt(lib.accept)}   target < 3000 ms`);
    console.log(`  HTTP create request : ${fmt(http.create)}   target < 2000 ms`);
    console.log(`  HTTP accept request : ${fmt(http.accept)}   target < 3000 ms`);
    const ok = median(lib.create) < 2000 && median(lib.accept) < 3000 && median(http.create) < 2000 && median(http.accept) < 3000;
    console.log(ok ? "  all targets met" : "  TARGET MISSED");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await database?.close();
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
