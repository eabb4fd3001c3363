import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { testDatabase } from "./db";
import { startTestApi, type TestApi } from "./http";

// The published EdgeIQ JS SDK, unchanged, pointed at Handoff by its base URL only.
const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: the SDK ships loose typings; each result is asserted below
const sdk: any = require("@edgeiq/edgeiq-api-js");

let database: Database;
let api: TestApi;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  api = await startTestApi(database);
  sdk.EdgeIQAPI.init({ url: `${api.url}/api/v1/platform/` });
});

describe("the EdgeIQ JS SDK works against Handoff by changing only its base URL", () => {
  it("logs in, reads me and companies, manages escrow devices and transfer requests", async () => {
    const login = await sdk.Authentication.login("maker@acme.test", DEMO_PASSWORD);
    expect(login.session_token).toMatch(/^hs_/);
    const me = await sdk.Authentication.me();
    expect(me.email).toBe("maker@acme.test");

    const list = await sdk.EscrowDevices.list({ unique_id: { operator: "like", value: "acme-gw-000" } }, { page: 1, itemsPerPage: 5 });
    expect(list.escrowDevices).toHaveLength(5);
    expect(list.pagination.total).toBe(9);
    expect(list.escrowDevices[0]).not.toHaveProperty("token");

    const created = await sdk.EscrowDevices.create({ company_id: me.company_id, unique_id: "sdk-gw-1", token: "sdk-escrow-token-0001", lwm2m: false });
    expect(created.unique_id).toBe("sdk-gw-1");
    const fetched = await sdk.EscrowDevices.getOneById(created._id);
    expect(fetched.token_hint).toBe("0001");

    const types = await sdk.DeviceTypes.list();
    const typeId = types.deviceTypes[0]._id;
    const globex = await api.call("POST", "/api/v1/platform/user/authenticate", { body: { email: "admin@globex.test", password: DEMO_PASSWORD } });
    const request = await sdk.DeviceTransferRequests.create({
      to_company_id: globex.body.company_id,
      device_type_id: typeId,
      escrow_device_ids: [created._id],
      from_company_id: me.company_id,
    });
    expect(request.status).toBe("pending");
    expect(request.escrow_device_ids).toEqual([created._id]);
    const requests = await sdk.DeviceTransferRequests.list({ status: { operator: "eq", value: "pending" } });
    expect(requests.deviceTransferRequests.map((r: { _id: string }) => r._id)).toContain(request._id);
    const cancelled = await sdk.DeviceTransferRequests.delete(request._id);
    expect(cancelled).toBe("The device transfer request has been deleted correctly.");
    const after = await sdk.DeviceTransferRequests.getOneById(request._id);
    expect(after.status).toBe("cancelled");
  });

  it("creates a user the EdgeIQ way and acts as it with the api_token it answers", async () => {
    await sdk.Authentication.login("maker@acme.test", DEMO_PASSWORD);
    const me = await sdk.Authentication.me();
    const types = await sdk.UserTypes.list();
    const admins = types.userTypes.find((t: { name: string }) => t.name === "system_admins");
    expect(admins._id).toBe("admin");
    const created = await sdk.Users.create({
      company_id: me.company_id,
      email: "sdk.script@acme.test",
      first_name: "Sdk",
      last_name: "Script",
      user_type_id: admins._id,
      password: "sdk-script-password",
      password_confirmation: "sdk-script-password",
    });
    expect(created.email).toBe("sdk.script@acme.test");
    expect(created.user_type_id).toBe("admin");
    expect(created.api_token).toMatch(/^hk_/);
    const listed = await sdk.Users.list({ email: { operator: "eq", value: "sdk.script@acme.test" } });
    expect(listed.users.map((u: { _id: string }) => u._id)).toEqual([created._id]);
    expect(listed.pagination.total).toBe(1);
    // An EdgeIQ script then acts as the new user with its api_token.
    const asNew = await api.call("GET", "/api/v1/platform/me", { token: created.api_token });
    expect(asNew.body.memberships).toEqual([{ company_id: me.company_id, role: "admin" }]);
    await expect(
      sdk.Users.create({ company_id: me.company_id, email: "admin@globex.test", first_name: "", last_name: "", user_type_id: "viewer", password: "0123456789", password_confirmation: "0123456789" }),
    ).rejects.toEqual({ error: "this email already has an account — invite it", messages: ["this email already has an account — invite it"] });
  });
});
