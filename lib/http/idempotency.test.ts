import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { deviceTypes, idempotencyKeys } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeAccount, makeUser, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { sweepExpiredKeys } from "./idempotency";

let database: Database;
let api: TestApi;
const P = "/api/v1/platform/device_types";
const body = (name: string) => ({ name, manufacturer: "Acme", model: "M1", type: "gateway" });

async function userToken(accountId: string) {
  const u = await makeUser(database.db, { accountId, role: "admin" });
  const r = await api.call("POST", "/api/v1/platform/user/authenticate", { body: { email: u.email, password: TEST_PASSWORD } });
  return r.body.session_token as string;
}

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
});

describe("Idempotency-Key on platform POSTs", () => {
  it("a retry with the same key and body replays the first answer and creates nothing again", async () => {
    const account = await makeAccount(database.db);
    const token = await userToken(account.id);
    const headers = { "idempotency-key": "create-type-1" };
    const first = await api.call("POST", P, { token, headers, body: body("Idem A") });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await api.call("POST", P, { token, headers, body: body("Idem A") });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await database.db.select().from(deviceTypes).where(eq(deviceTypes.accountId, account.id))).toHaveLength(1);

    // The same key with another body, or on another path, is a 422 and runs nothing.
    const other = await api.call("POST", P, { token, headers, body: body("Idem B") });
    expect(other.status).toBe(422);
    expect(other.body).toEqual({ error: "Idempotency-Key reused with a different request", messages: [expect.stringMatching(/another request/)] });
    expect((await api.call("POST", "/api/v1/platform/webhooks", { token, headers, body: body("Idem A") })).status).toBe(422);
    expect(await database.db.select().from(deviceTypes).where(eq(deviceTypes.accountId, account.id))).toHaveLength(1);
    // Without the key, the same request creates again.
    expect((await api.call("POST", P, { token, body: body("Idem A") })).status).toBe(201);
  });

  it("keys are scoped to the caller; a 4xx answer is replayed too; a malformed key is a 400", async () => {
    const account = await makeAccount(database.db);
    const alice = await userToken(account.id);
    const bob = await userToken(account.id);
    const headers = { "idempotency-key": "shared-key" };
    const a = await api.call("POST", P, { token: alice, headers, body: body("Scoped A") });
    const b = await api.call("POST", P, { token: bob, headers, body: body("Scoped A") });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body._id).not.toBe(a.body._id);
    expect(b.headers.get("idempotent-replayed")).toBeNull();

    const bad = { name: "", type: "toaster" };
    const first = await api.call("POST", P, { token: alice, headers: { "idempotency-key": "bad-1" }, body: bad });
    expect(first.status).toBe(400);
    const replay = await api.call("POST", P, { token: alice, headers: { "idempotency-key": "bad-1" }, body: bad });
    expect(replay.status).toBe(400);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);

    expect((await api.call("POST", P, { token: alice, headers: { "idempotency-key": "x".repeat(256) }, body: body("Long") })).status).toBe(400);
    // GET, PUT and DELETE ignore the header.
    const list = await api.call("GET", P, { token: alice, headers });
    expect(list.status).toBe(200);
    expect(list.headers.get("idempotent-replayed")).toBeNull();
  });

  it("an answer is kept 24 h: once expired the key runs again, and the sweep removes expired keys", async () => {
    const account = await makeAccount(database.db);
    const token = await userToken(account.id);
    const headers = { "idempotency-key": "old-key" };
    const first = await api.call("POST", P, { token, headers, body: body("Aged") });
    expect(first.status).toBe(201);
    await database.db.update(idempotencyKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(idempotencyKeys.key, "old-key"));
    const again = await api.call("POST", P, { token, headers, body: body("Aged") });
    expect(again.status).toBe(201);
    expect(again.body._id).not.toBe(first.body._id);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    await database.db.update(idempotencyKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(idempotencyKeys.key, "old-key"));
    expect(await sweepExpiredKeys(database.db)).toBeGreaterThanOrEqual(1);
    expect(await database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "old-key"))).toEqual([]);
  });
});
