import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { transferRequests, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { makeGatewayScenario, simulateAccept } from "@/lib/gateway/test-factories";
import { testDatabase } from "@/lib/test/db";
import { makeAccount, makeUser, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { makeDeviceType, makeEscrowDevices } from "@/lib/transfers/test-factories";
import { encryptSecret, newWebhookSecret } from "./secret";
import { startReceiver } from "./test-receiver";
import { startWebhookWorker, type WebhookWorker } from "./worker";

let database: Database;
let api: TestApi;
let worker: WebhookWorker;
const P = "/api/v1/platform";
const TYPES = ["transfer.created", "transfer.accepted", "transfer.rejected", "transfer.cancelled", "transfer.expired"];

async function login(email: string): Promise<string> {
  const r = await api.call("POST", `${P}/user/authenticate`, { body: { email, password: TEST_PASSWORD } });
  expect(r.status).toBe(200);
  return r.body.session_token;
}

async function team(name: string) {
  const account = await makeAccount(database.db, { name });
  const admin = await login((await makeUser(database.db, { accountId: account.id, role: "admin" })).email);
  const viewer = await login((await makeUser(database.db, { accountId: account.id, role: "viewer" })).email);
  return { account, admin, viewer };
}

async function endpoint(token: string, url: string, events: string[] = ["*"]) {
  const r = await api.call("POST", `${P}/webhooks`, { token, body: { url, events, description: "test receiver" } });
  expect(r.status).toBe(201);
  expect(r.body.secret).toMatch(/^whsec_/);
  return r.body as { _id: string; secret: string };
}

function verify(secret: string, r: { headers: Record<string, unknown>; body: string }) {
  const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(r.headers[h])]));
  return new Webhook(secret).verify(r.body, headers);
}

beforeAll(async () => {
  process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE = "1";
  database = await testDatabase();
  api = await startTestApi(database);
  worker = await startWebhookWorker(database, { retryBaseMs: 150, pollMs: 300, timeoutMs: 3000 });
});
afterAll(async () => {
  await worker?.stop();
  delete process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE;
});

describe("webhooks", () => {
  it("a transfer created, accepted, rejected, cancelled and expired reaches BOTH accounts' endpoints, signed", async () => {
    const maker = await team("Maker WH");
    const buyer = await team("Buyer WH");
    const rxMaker = await startReceiver();
    const rxBuyer = await startReceiver();
    const epMaker = await endpoint(maker.admin, rxMaker.url);
    const epBuyer = await endpoint(buyer.admin, rxBuyer.url, TYPES);
    const type = await makeDeviceType(database.db, maker.account.id);
    const escrow = await makeEscrowDevices(database.db, maker.account.id, 4);
    const create = async (i: number) => {
      const r = await api.call("POST", `${P}/device_transfer_requests`, {
        token: maker.admin,
        body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [escrow[i].id] },
      });
      expect(r.status).toBe(201);
      return r.body._id as string;
    };
    const [a, b, c, d] = [await create(0), await create(1), await create(2), await create(3)];
    expect((await api.call("POST", `${P}/device_transfer_requests/${a}/transfer`, { token: buyer.admin, body: {} })).status).toBe(200);
    expect((await api.call("POST", `${P}/device_transfer_requests/${b}/reject`, { token: buyer.admin, body: { reason: "no" } })).status).toBe(200);
    expect((await api.call("DELETE", `${P}/device_transfer_requests/${c}`, { token: maker.admin })).status).toBe(200);
    await database.db.update(transferRequests).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(transferRequests.id, d));
    expect((await api.call("GET", `${P}/device_transfer_requests/${d}`, { token: maker.admin })).body.status).toBe("expired");

    const expected = [
      ...[a, b, c, d].map((id) => `transfer.created ${id}`),
      `transfer.accepted ${a}`,
      `transfer.rejected ${b}`,
      `transfer.cancelled ${c}`,
      `transfer.expired ${d}`,
    ].sort();
    for (const [rx, ep] of [
      [rxMaker, epMaker],
      [rxBuyer, epBuyer],
    ] as const) {
      await rx.waitFor(() => rx.unique().length >= expected.length);
      const got = rx.unique();
      expect(got.map((r) => `${r.json.type} ${r.json.data._id}`).sort()).toEqual(expected);
      for (const r of got) {
        expect(verify(ep.secret, r)).toEqual(JSON.parse(r.body));
        expect(r.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{24}$/);
        expect(r.json.data.from_company_id).toBe(maker.account.id);
        expect(r.json.data.to_company_id).toBe(buyer.account.id);
      }
      const accepted = got.find((r) => r.json.type === "transfer.accepted")!;
      expect(accepted.json.data).toMatchObject({ status: "accepted", progress: { devices: 1, created: 1, failed: 0 } });
      // A wrong secret does not verify.
      expect(() => verify(`whsec_${Buffer.from("x".repeat(24)).toString("base64")}`, accepted)).toThrow();
    }
    // Each account got its own event ids: the two receivers never share a webhook-id.
    const makerIds = new Set(rxMaker.unique().map((r) => r.headers["webhook-id"]));
    expect(rxBuyer.unique().some((r) => makerIds.has(r.headers["webhook-id"]))).toBe(false);
    await rxMaker.close();
    await rxBuyer.close();
  });

  it("a receiver answering 500 then 200 gets the event on a retry; the log shows both attempts; Resend delivers again", async () => {
    const maker = await team("Maker Retry");
    const buyer = await team("Buyer Retry");
    const rx = await startReceiver((_r, nth) => (nth === 1 ? 500 : 200));
    const ep = await endpoint(buyer.admin, rx.url, ["transfer.created"]);
    const type = await makeDeviceType(database.db, maker.account.id);
    const [e] = await makeEscrowDevices(database.db, maker.account.id, 1);
    const created = await api.call("POST", `${P}/device_transfer_requests`, {
      token: maker.admin,
      body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [e.id] },
    });
    expect(created.status).toBe(201);
    await rx.waitFor((all) => all.length >= 2);
    expect(rx.received.map((r) => r.headers["webhook-id"])).toEqual([rx.received[0].headers["webhook-id"], rx.received[0].headers["webhook-id"]]);
    const deliveries = async () => {
      const r = await api.call("GET", `${P}/webhooks/${ep._id}/deliveries?page_meta=true`, { token: buyer.viewer });
      expect(r.status).toBe(200);
      return r.body;
    };
    let list = await deliveries();
    for (let i = 0; i < 50 && list.resources[0]?.status !== "succeeded"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      list = await deliveries();
    }
    expect(list.total).toBe(1);
    const delivery = list.resources[0];
    expect(delivery).toMatchObject({ event_type: "transfer.created", status: "succeeded", attempts: 2, last_status_code: 200, next_attempt_at: null });
    expect(delivery.event_id).toBe(rx.received[0].headers["webhook-id"]);
    const log = await database.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery._id)).orderBy(webhookAttempts.createdAt);
    expect(log.map((a) => a.statusCode)).toEqual([500, 200]);

    // Resend: the same event (same webhook-id) delivered again, now, answered in the response.
    expect((await api.call("POST", `${P}/webhooks/${ep._id}/deliveries/${delivery._id}/resend`, { token: buyer.viewer })).status).toBe(403);
    const resent = await api.call("POST", `${P}/webhooks/${ep._id}/deliveries/${delivery._id}/resend`, { token: buyer.admin });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ _id: delivery._id, status: "succeeded", attempts: 3, last_status_code: 200 });
    expect(rx.received).toHaveLength(3);
    expect(rx.received[2].headers["webhook-id"]).toBe(delivery.event_id);
    expect(verify(ep.secret, rx.received[2])).toMatchObject({ type: "transfer.created" });
    await rx.close();
  });

  it("Send test delivers webhook.test now; a 410 disables the endpoint; the secret is never stored in clear", async () => {
    const t = await team("Owner Test");
    let status = 200;
    const rx = await startReceiver(() => status);
    const ep = await endpoint(t.admin, rx.url);
    const sent = await api.call("POST", `${P}/webhooks/${ep._id}/test`, { token: t.admin });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ event_type: "webhook.test", status: "succeeded", attempts: 1, last_status_code: 200 });
    expect(rx.received).toHaveLength(1);
    expect(verify(ep.secret, rx.received[0])).toMatchObject({ type: "webhook.test", data: { _id: ep._id } });

    const [row] = await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, ep._id));
    expect(row.secretCiphertext).not.toContain(ep.secret.slice(6));
    expect(JSON.stringify((await api.call("GET", `${P}/webhooks/${ep._id}`, { token: t.admin })).body)).not.toContain("secret");

    status = 410;
    const gone = await api.call("POST", `${P}/webhooks/${ep._id}/test`, { token: t.admin });
    expect(gone.body).toMatchObject({ status: "failed", last_status_code: 410 });
    const after = await api.call("GET", `${P}/webhooks/${ep._id}`, { token: t.admin });
    expect(after.body).toMatchObject({ active: false, disabled_reason: "the receiver answered 410 Gone" });
    expect((await api.call("POST", `${P}/webhooks/${ep._id}/test`, { token: t.admin })).status).toBe(409);
    status = 200;
    expect((await api.call("PUT", `${P}/webhooks/${ep._id}`, { token: t.admin, body: { active: true } })).body).toMatchObject({ active: true, disabled_reason: null });
    expect((await api.call("POST", `${P}/webhooks/${ep._id}/test`, { token: t.admin })).body.status).toBe("succeeded");
    await rx.close();
  });

  it("CRUD: admins write, members read, another account's webhook is a 404, bad input lists every problem", async () => {
    const t = await team("Owner CRUD");
    const other = await team("Other CRUD");
    const bad = await api.call("POST", `${P}/webhooks`, { token: t.admin, body: { url: "ftp://x", events: ["nope", "transfer.created"], description: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.messages.length).toBeGreaterThanOrEqual(3);
    expect((await api.call("POST", `${P}/webhooks`, { token: t.viewer, body: { url: "http://127.0.0.1:9/x", events: ["*"] } })).status).toBe(403);
    const ep = await endpoint(t.admin, "http://127.0.0.1:9/hook", ["transfer.accepted"]);
    const listed = await api.call("GET", `${P}/webhooks?page_meta=true`, { token: t.viewer });
    expect(listed.body).toMatchObject({ total: 1, resources: [{ _id: ep._id, events: ["transfer.accepted"], active: true }] });
    expect((await api.call("GET", `${P}/webhooks?bogus=1`, { token: t.viewer })).status).toBe(400);
    const csv = await api.call("GET", `${P}/webhooks?format=csv`, { token: t.viewer });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(String(csv.body).split("\n")[1]).toContain(ep._id);
    const put = await api.call("PUT", `${P}/webhooks/${ep._id}`, { token: t.admin, body: { events: ["*"], description: "all" } });
    expect(put.body).toMatchObject({ events: ["*"], description: "all" });
    expect((await api.call("PUT", `${P}/webhooks/${ep._id}`, { token: t.viewer, body: { active: false } })).status).toBe(403);
    for (const [m, p] of [["GET", ""], ["PUT", ""], ["DELETE", ""], ["GET", "/deliveries"], ["POST", "/test"]] as const) {
      expect((await api.call(m, `${P}/webhooks/${ep._id}${p}`, { token: other.admin, body: m === "PUT" ? { active: false } : undefined })).status).toBe(404);
    }
    expect((await api.call("GET", `${P}/webhooks`, { token: other.admin })).body).toEqual([]);
    expect((await api.call("POST", `${P}/webhooks/${ep._id}/deliveries/nope/resend`, { token: t.admin })).status).toBe(404);
    expect((await api.call("DELETE", `${P}/webhooks/${ep._id}`, { token: t.admin })).status).toBe(200);
    expect((await api.call("GET", `${P}/webhooks/${ep._id}`, { token: t.admin })).status).toBe(404);
    const actions = await database.db.execute(sql`select action from audit_events where subject_id = ${ep._id} order by created_at`);
    expect((actions as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(["webhook.create", "webhook.update", "webhook.delete"]);
  });

  it("refuses loopback and private targets unless HANDOFF_WEBHOOK_ALLOW_PRIVATE=1, at create and at delivery", async () => {
    const t = await team("Owner SSRF");
    const rx = await startReceiver();
    const ep = await endpoint(t.admin, rx.url);
    delete process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const url of ["http://127.0.0.1/x", "http://localhost:8080/x", "http://10.1.2.3/x", "http://[::1]/x", "http://169.254.169.254/latest", "http://192.168.1.1/"]) {
        const r = await api.call("POST", `${P}/webhooks`, { token: t.admin, body: { url, events: ["*"] } });
        expect(r.status, url).toBe(400);
        expect(r.body.messages.join(" ")).toMatch(/private|loopback|resolve/);
      }
      // An endpoint created while allowed is refused at delivery: nothing reaches the receiver.
      const sent = await api.call("POST", `${P}/webhooks/${ep._id}/test`, { token: t.admin });
      expect(sent.body).toMatchObject({ status: "pending", last_status_code: null });
      expect(sent.body.last_error).toMatch(/refused/);
      expect(rx.received).toHaveLength(0);
    } finally {
      process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE = "1";
    }
    await database.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, ep._id));
    await rx.close();
  });

  it("records nothing for accounts without endpoints", async () => {
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries);
    const maker = await team("Maker None");
    const buyer = await team("Buyer None");
    const type = await makeDeviceType(database.db, maker.account.id);
    const [e] = await makeEscrowDevices(database.db, maker.account.id, 1);
    const r = await api.call("POST", `${P}/device_transfer_requests`, { token: maker.admin, body: { to_company_id: buyer.account.id, device_type_id: type.id, escrow_device_ids: [e.id] } });
    expect(r.status).toBe(201);
    const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries);
    expect(after[0].n).toBe(before[0].n);
  });

  it("an event is recorded in the transaction of the change: rolled back with it", async () => {
    const t = await team("Owner Rollback");
    const ep = await endpoint(t.admin, "http://127.0.0.1:9/hook");
    const actor = { kind: "system", label: "test" } as const;
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, actor, { accountIds: t.account.id, action: "transfer.create", subjectType: "transfer_request", subjectId: "nope" });
        const inside = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep._id));
        expect(inside).toHaveLength(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep._id))).toEqual([]);
    await database.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, ep._id));
  });

  it("gateway milestones: first escrow check-in to the manufacturer; activation and first heartbeat to the device's account", async () => {
    const sc = await makeGatewayScenario(database.db);
    const rxMaker = await startReceiver();
    const rxCustomer = await startReceiver();
    for (const [accountId, url] of [
      [sc.maker.id, rxMaker.url],
      [sc.customer.id, rxCustomer.url],
    ])
      await database.db.insert(webhookEndpoints).values({ accountId, url, events: ["*"], secretCiphertext: encryptSecret(newWebhookSecret()) });
    const checkin = () => api.call("POST", "/api/v1/gateway/escrow/checkin", { body: { unique_id: sc.uniqueId, token: sc.token } });
    expect((await checkin()).body.mode).toBe("escrow");
    await rxMaker.waitFor(() => rxMaker.unique().length >= 1);
    expect(rxMaker.unique()[0].json).toMatchObject({ type: "escrow_device.first_checkin", data: { _id: sc.escrow.id, unique_id: sc.uniqueId } });
    const device = await simulateAccept(database.db, sc.escrow.id, { accountId: sc.customer.id, deviceTypeId: sc.customerType.id });
    const active = await checkin();
    expect(active.body.mode).toBe("active");
    const hb = await api.call("POST", "/api/v1/gateway/heartbeat", { headers: { authorization: `Device ${active.body.device_token}` }, body: {} });
    expect(hb.status).toBe(200);
    await rxCustomer.waitFor(() => rxCustomer.unique().length >= 2);
    // Delivery order is not guaranteed (deliveries run in parallel); each arrives.
    expect(rxCustomer.unique().map((r) => [r.json.type, r.json.data._id]).sort()).toEqual([
      ["device.activated", device.id],
      ["device.first_heartbeat", device.id],
    ]);
    // The manufacturer's activation audit event (against its escrow device) is not a device event.
    await new Promise((r) => setTimeout(r, 500));
    expect(rxMaker.unique().map((r) => r.json.type)).toEqual(["escrow_device.first_checkin"]);
    await rxMaker.close();
    await rxCustomer.close();
  });
});
