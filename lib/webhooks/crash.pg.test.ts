import { type ChildProcess, spawn } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeAccount, makeUser } from "@/lib/test/factories";
import { makeDeviceType, makeEscrowDevices } from "@/lib/transfers/test-factories";
import { encryptSecret, newWebhookSecret } from "./secret";
import { startReceiver } from "./test-receiver";

let database: Database;
let url: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE = "1";
  database = await testDatabase();
  const [{ name }] = await queryRows<{ name: string }>(database.db, sql`select current_database() as name`);
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  url = u.toString();
});
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  delete process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE;
});

/**
 * A real server process, resolved once it printed `until`. One node process with tsx as a loader
 * (not the tsx CLI, which runs the script in a grandchild that SIGKILL would leave orphaned).
 */
function serverProcess(job: object, until: RegExp): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/webhooks/test-worker-process.ts", url, JSON.stringify(job)], {
    env: { ...process.env, HANDOFF_WEBHOOK_ALLOW_PRIVATE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (c) => {
      out += c;
      if (until.test(out)) resolve({ child, out });
    });
    child.stderr?.on("data", (c) => {
      out += c;
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before ${until}: ${out}`)));
  });
}

async function killed(child: ChildProcess) {
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await gone;
}

async function scenario(name: string) {
  const maker = await makeAccount(database.db, { name: `${name} maker` });
  const buyer = await makeAccount(database.db, { name: `${name} buyer` });
  const user = await makeUser(database.db, { accountId: maker.id, role: "admin" });
  const type = await makeDeviceType(database.db, maker.id);
  const escrow = await makeEscrowDevices(database.db, maker.id, 2);
  return { maker, buyer, user, type, escrow };
}

describe("a killed server delivers after restart what it had recorded (PostgreSQL, SIGKILL)", () => {
  it("killed right after the commit, before any worker ran: the restarted server delivers", async () => {
    const s = await scenario("Crash A");
    const rx = await startReceiver();
    const [ep] = await database.db
      .insert(webhookEndpoints)
      .values({ accountId: s.buyer.id, url: rx.url, events: ["transfer.created"], secretCiphertext: encryptSecret(newWebhookSecret()) })
      .returning();
    const first = await serverProcess({ worker: false, transfer: { userId: s.user.id, to: s.buyer.id, deviceTypeId: s.type.id, escrowIds: [s.escrow[0].id] } }, /recorded (\w+)/);
    const transferId = /recorded (\w+)/.exec(first.out)![1];
    await killed(first.child);
    const [pending] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));
    expect(pending).toMatchObject({ status: "pending", attempts: 0 });
    expect(rx.received).toHaveLength(0);

    const second = await serverProcess({ worker: true }, /ready/);
    await rx.waitFor((all) => all.length >= 1);
    expect(rx.received[0].json).toMatchObject({ type: "transfer.created", data: { _id: transferId } });
    await killed(second.child);
    await rx.close();
  }, 60_000);

  it("killed while a delivery was in flight: the restarted server delivers it again (same webhook-id)", async () => {
    const s = await scenario("Crash B");
    // The first request is never answered: the server dies holding it.
    const rx = await startReceiver((_r, nth) => (nth === 1 ? 0 : 200));
    const [ep] = await database.db
      .insert(webhookEndpoints)
      .values({ accountId: s.buyer.id, url: rx.url, events: ["transfer.created"], secretCiphertext: encryptSecret(newWebhookSecret()) })
      .returning();
    const first = await serverProcess({ worker: true, transfer: { userId: s.user.id, to: s.buyer.id, deviceTypeId: s.type.id, escrowIds: [s.escrow[1].id] } }, /recorded/);
    await rx.waitFor((all) => all.length >= 1);
    await killed(first.child);
    const [inFlight] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));
    expect(inFlight.status).toBe("pending");

    const second = await serverProcess({ worker: true }, /ready/);
    await rx.waitFor((all) => all.length >= 2, 30_000);
    expect(rx.received[1].headers["webhook-id"]).toBe(rx.received[0].headers["webhook-id"]);
    for (let i = 0; i < 50; i++) {
      const [d] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, inFlight.id));
      if (d.status === "succeeded") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [done] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, inFlight.id));
    expect(done).toMatchObject({ status: "succeeded", lastStatusCode: 200 });
    await killed(second.child);
    await rx.close();
  }, 60_000);
});
