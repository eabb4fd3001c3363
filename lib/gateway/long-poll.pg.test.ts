import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { digest, tokenHint } from "@/lib/auth/secrets";
import { testDatabase } from "@/lib/test/db";
import { makeAccount } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { setGatewayRateLimits } from "./rate-limit";
import { makeDeviceType } from "./test-factories";

let database: Database;
let api: TestApi;
let other: pg.Client;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await testDatabase({ max: 30 });
  api = await startTestApi(database);
  // A separate connection, as another server process accepting the transfer would have.
  const [{ current_database: name }] = await queryRows<{ current_database: string }>(database.db, sql`select current_database()`);
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  other = new pg.Client({ connectionString: u.toString() });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
});
beforeEach(() => setGatewayRateLimits(null));

describe("long-poll across connections (PostgreSQL LISTEN/NOTIFY)", () => {
  it("many waiting gateways each answer within 1 s of an accept committed by another connection", async () => {
    const maker = await makeAccount(database.db);
    const customer = await makeAccount(database.db);
    const type = await makeDeviceType(database.db, customer.id);
    const fleet = Array.from({ length: 20 }, (_, i) => ({ uniqueId: `pg-lp-${Date.now().toString(36)}-${i}`, token: `escrow-token-${i}-abcdefghijkl` }));
    for (const g of fleet)
      await other.query("insert into escrow_devices (id, account_id, unique_id, token_digest, token_hint) values (substr(md5(random()::text), 1, 24), $1, $2, $3, $4)", [
        maker.id,
        g.uniqueId,
        digest(g.token),
        tokenHint(g.token),
      ]);
    const waits = fleet.map((g) => api.call("POST", "/api/v1/gateway/escrow/checkin?wait=25", { body: { unique_id: g.uniqueId, token: g.token } }).then((r) => ({ r, at: Date.now() })));
    await sleep(1500);

    // The accept: devices created, escrow devices transferred, one NOTIFY (chunked payload) at commit.
    const acceptedAt = Date.now();
    await other.query("begin");
    await other.query(
      `with e as (select id, unique_id from escrow_devices where unique_id = any($1::text[]))
       , d as (insert into devices (id, account_id, unique_id, name, device_type_id, escrow_device_id)
               select substr(md5(random()::text || e.id), 1, 24), $2, e.unique_id, e.unique_id, $3, e.id from e returning id, escrow_device_id)
       update escrow_devices x set status = 'transferred', device_id = d.id, transfer_completed_at = now() from d where x.id = d.escrow_device_id`,
      [fleet.map((g) => g.uniqueId), customer.id, type.id],
    );
    await other.query("select pg_notify('handoff_device_active', $1)", [JSON.stringify(fleet.slice(0, 10).map((g) => g.uniqueId))]);
    await other.query("select pg_notify('handoff_device_active', $1)", [JSON.stringify(fleet.slice(10).map((g) => g.uniqueId))]);
    await other.query("commit");

    const results = await Promise.all(waits);
    for (const { r, at } of results) {
      expect(r.status).toBe(200);
      expect(r.body.mode).toBe("active");
      expect(at - acceptedAt).toBeLessThan(1000);
    }
    expect(new Set(results.map(({ r }) => r.body.device_token)).size).toBe(fleet.length);
  });

  it("keeps hearing notifications after the LISTEN connection is lost (reconnects and re-LISTENs)", async () => {
    const maker = await makeAccount(database.db);
    const customer = await makeAccount(database.db);
    const type = await makeDeviceType(database.db, customer.id);
    const uniqueId = `pg-lp-reconnect-${Date.now().toString(36)}`;
    const token = "escrow-token-reconnect-abcdef";
    await other.query("insert into escrow_devices (id, account_id, unique_id, token_digest, token_hint) values (substr(md5(random()::text), 1, 24), $1, $2, $3, $4)", [
      maker.id,
      uniqueId,
      digest(token),
      tokenHint(token),
    ]);
    // A first long-poll makes sure this process is listening.
    expect((await api.call("POST", "/api/v1/gateway/escrow/checkin?wait=1", { body: { unique_id: uniqueId, token } })).body.mode).toBe("escrow");
    // Kill this database's listening backend, as a server restart or a proxy timeout would.
    const killed = await other.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike 'LISTEN%'",
    );
    expect(killed.rowCount).toBeGreaterThanOrEqual(1);
    await sleep(1500);

    const pending = api.call("POST", "/api/v1/gateway/escrow/checkin?wait=25", { body: { unique_id: uniqueId, token } });
    await sleep(800);
    const acceptedAt = Date.now();
    await other.query("begin");
    await other.query(
      `with e as (select id, unique_id from escrow_devices where unique_id = $1)
       , d as (insert into devices (id, account_id, unique_id, name, device_type_id, escrow_device_id)
               select substr(md5(random()::text), 1, 24), $2, e.unique_id, e.unique_id, $3, e.id from e returning id, escrow_device_id)
       update escrow_devices x set status = 'transferred', device_id = d.id from d where x.id = d.escrow_device_id`,
      [uniqueId, customer.id, type.id],
    );
    await other.query("select pg_notify('handoff_device_active', $1)", [JSON.stringify([uniqueId])]);
    await other.query("commit");
    const r = await pending;
    expect(r.body.mode).toBe("active");
    expect(Date.now() - acceptedAt).toBeLessThan(1000);
  });
});
