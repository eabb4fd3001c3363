import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { fromDatabaseError } from "@/lib/errors";
import { MIGRATIONS_FOLDER, openPostgres, queryRows, timeoutsFromEnv } from "./client";
import { accounts } from "./schema";

const base = process.env.TEST_DATABASE_URL!;
const admin = new pg.Client({ connectionString: base });
const created: string[] = [];
const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };

async function freshDatabase(label: string): Promise<string> {
  if (created.length === 0) await admin.connect();
  const name = `handoff_mig_${label}_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  created.push(name);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

afterAll(async () => {
  for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  if (created.length) await admin.end();
});

describe("migrations across processes (PostgreSQL)", () => {
  it("three instances migrating one fresh database at once all succeed, three times over", async () => {
    for (let round = 0; round < 3; round++) {
      const url = await freshDatabase(`r${round}`);
      const opened = await Promise.allSettled([openPostgres(url, { max: 2 }), openPostgres(url, { max: 2 }), openPostgres(url, { max: 2 })]);
      expect(opened.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);
      const dbs = opened.map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof openPostgres>>>).value);
      const [applied] = await queryRows<{ n: number }>(dbs[0].db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied.n).toBe(journal.entries.length);
      for (const d of dbs) {
        const [r] = await queryRows<{ n: number }>(d.db, sql`select count(*)::int as n from accounts`);
        expect(r.n).toBe(0);
        await d.close();
      }
    }
  }, 120_000);
});

describe("server connection timeouts (PostgreSQL)", () => {
  it("defaults to 30 s per statement and 10 s idle in a transaction; configurable by env", async () => {
    expect(timeoutsFromEnv({})).toEqual({ statementMs: 30_000, idleInTransactionMs: 10_000 });
    expect(timeoutsFromEnv({ HANDOFF_DB_STATEMENT_TIMEOUT_MS: "120000", HANDOFF_DB_IDLE_TX_TIMEOUT_MS: "0" })).toEqual({ statementMs: 120_000, idleInTransactionMs: 0 });
    const url = await freshDatabase("defaults");
    const d = await openPostgres(url, { max: 1 });
    const [r] = await queryRows<{ s: string; i: string }>(d.db, sql`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`);
    expect(r).toEqual({ s: "30s", i: "10s" });
    await d.close();
  });

  it("a long statement is cut off, and a transaction left idle (a dead client) releases its locks", async () => {
    const url = await freshDatabase("cut");
    const d = await openPostgres(url, { max: 3, timeouts: { statementMs: 500, idleInTransactionMs: 500 } });
    const slow = await d.db.execute(sql`select pg_sleep(3)`).catch((e: unknown) => e);
    expect(slow).toMatchObject({ cause: { code: "57014" } });
    // Mapped to a 503 with Retry-After, not an unexpected 500.
    expect(fromDatabaseError(slow)).toMatchObject({ code: "unavailable", status: 503, retryAfterSeconds: 5 });
    await d.db.insert(accounts).values({ name: "locked" });
    // A connection that takes a row lock and then goes silent, like an instance killed mid-transaction.
    const holder = new pg.Client({ connectionString: url, idle_in_transaction_session_timeout: 500 });
    await holder.connect();
    holder.on("error", () => {});
    await holder.query("begin");
    await holder.query("select * from accounts for update");
    // The waiter's own statement limit is well above the holder's idle limit (with both at 500 ms,
    // which fires first is a race on a loaded machine): the lock must come free by the idle limit.
    const waiter = await openPostgres(url, { max: 1, timeouts: { statementMs: 10_000, idleInTransactionMs: 500 } });
    const started = Date.now();
    await waiter.db.transaction(async (tx) => {
      await tx.execute(sql`select * from accounts for update`);
    });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(300);
    expect(waited).toBeLessThan(5_000);
    await holder.end().catch(() => {});
    await waiter.close();
    await d.close();
  });
});
