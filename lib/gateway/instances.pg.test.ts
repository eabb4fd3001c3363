import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { testDatabase } from "@/lib/test/db";
import { makeUser, TEST_PASSWORD } from "@/lib/test/factories";
import { rawRequest } from "@/lib/test/raw-http";
import { makeEscrowDevice, makeGatewayScenario } from "./test-factories";

let database: Database;
const children: ChildProcess[] = [];

/** A real server process (the fast path + the route handlers) on this test's PostgreSQL database. */
async function startInstance(url: string): Promise<string> {
  const p = spawn(process.execPath, ["--import", "tsx", "lib/test/instance-server.ts"], {
    env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: "instances-test-secret-0123456789abcdef", NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(p);
  let err = "";
  p.stderr!.on("data", (d) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    let out = "";
    p.stdout!.on("data", (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    p.on("exit", (code) => reject(new Error(`instance exited with ${code}: ${err.slice(-1500)}`)));
  });
}

let A: string;
let B: string;

beforeAll(async () => {
  database = await testDatabase();
  const [{ current_database: name }] = await queryRows<{ current_database: string }>(database.db, sql`select current_database()`);
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  [A, B] = await Promise.all([startInstance(u.toString()), startInstance(u.toString())]);
}, 120_000);
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
});

describe("two server processes on one PostgreSQL", () => {
  it("gateways long-polling instance A are activated within 1 s of an accept made through instance B", async () => {
    const s = await makeGatewayScenario(database.db);
    const fleet = [s, ...(await Promise.all(Array.from({ length: 19 }, () => makeEscrowDevice(database.db, s.maker.id, { deviceTypeId: s.type.id }))))];
    const maker = await makeUser(database.db, { accountId: s.maker.id, role: "admin" });
    const buyer = await makeUser(database.db, { accountId: s.customer.id, role: "admin" });
    const login = async (base: string, email: string) => (await rawRequest(base, { path: "/api/v1/platform/user/authenticate", body: { email, password: TEST_PASSWORD } })).body.session_token as string;
    const P = "/api/v1/platform/device_transfer_requests";
    const created = await rawRequest(B, {
      path: P,
      headers: { authorization: `Bearer ${await login(B, maker.email)}` },
      body: { to_company_id: s.customer.id, device_type_id: s.type.id, escrow_device_ids: fleet.map((g) => g.escrow.id) },
    });
    expect(created.status).toBe(201);
    const buyerToken = await login(B, buyer.email);

    const waits = fleet.map((g) =>
      rawRequest(A, { path: "/api/v1/gateway/escrow/checkin?wait=30", body: { unique_id: g.uniqueId, token: g.token } }).then((r) => ({ r, at: Date.now() })),
    );
    await new Promise((r) => setTimeout(r, 2500));
    const accepted = await rawRequest(B, { path: `${P}/${created.body._id}/transfer`, headers: { authorization: `Bearer ${buyerToken}` }, body: { device_type_id: s.customerType.id } });
    const acceptedAt = Date.now();
    expect(accepted.status).toBe(200);
    for (const { r, at } of await Promise.all(waits)) {
      expect(r.status).toBe(200);
      expect(r.body.mode).toBe("active");
      expect(r.body.company._id).toBe(s.customer.id);
      expect(at - acceptedAt).toBeLessThan(1000);
    }
  }, 120_000);
});
