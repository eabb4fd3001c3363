import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { deviceTypes, escrowDevices } from "@/db/schema";
import { testDatabase } from "@/lib/test/db";
import { makeAccount, makeUser, TEST_PASSWORD } from "@/lib/test/factories";
import { startTestApi, type TestApi } from "@/lib/test/http";

let database: Database;
let api: TestApi;

beforeAll(async () => {
  database = await testDatabase({ max: 30 });
  api = await startTestApi(database);
});

describe("Idempotency-Key under real concurrency (PostgreSQL)", () => {
  it("concurrent POSTs with the same key create ONE resource and all answer with it", async () => {
    const account = await makeAccount(database.db);
    const u = await makeUser(database.db, { accountId: account.id, role: "admin" });
    const token = (await api.call("POST", "/api/v1/platform/user/authenticate", { body: { email: u.email, password: TEST_PASSWORD } })).body.session_token;
    for (const [path, body, table] of [
      ["/api/v1/platform/device_types", { name: "Racy", manufacturer: "Acme", model: "R", type: "gateway" }, deviceTypes],
      ["/api/v1/platform/escrow_devices", { unique_id: "race-idem-1" }, escrowDevices],
    ] as const) {
      const headers = { "idempotency-key": `race-${path}` };
      const answers = await Promise.all(Array.from({ length: 12 }, () => api.call("POST", path, { token, headers, body })));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      expect(new Set(answers.map((a) => a.body._id)).size).toBe(1);
      expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(11);
      expect(await database.db.select().from(table).where(eq(table.accountId, account.id))).toHaveLength(1);
    }
  });
});
