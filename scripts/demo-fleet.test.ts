import { EventEmitter } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { devices, escrowDevices } from "@/db/schema";
import { seedDemo } from "@/lib/demo/seed";
import { setGatewayRateLimits } from "@/lib/gateway/rate-limit";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";
// @ts-expect-error: a plain .mjs script without type declarations
import { demoFleetWanted, startDemoFleet } from "./demo-fleet.mjs";

let database: Database;
let api: TestApi;
const dataDir = mkdtempSync(path.join(tmpdir(), "handoff-demo-fleet-"));
const server = new EventEmitter();

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  api = await startTestApi(database);
  setGatewayRateLimits(null);
});
afterAll(() => {
  server.emit("exit");
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("the demo fleet", () => {
  it("runs only on the embedded demo, unless turned off", () => {
    expect(demoFleetWanted({})).toBe(true);
    expect(demoFleetWanted({ HANDOFF_DEMO_FLEET: "off" })).toBe(false);
    expect(demoFleetWanted({ DATABASE_URL: "postgres://x/y" })).toBe(false);
    expect(demoFleetWanted({ HANDOFF_SEED: "off" })).toBe(false);
  });

  it("keeps the transferred demo gateways heartbeating and activates the one never configured (real agent process)", async () => {
    const started = Date.now();
    const fleet = await startDemoFleet({ url: api.url, server, env: { ...process.env, HANDOFF_DATA_DIR: dataDir }, root: process.cwd() });
    expect(fleet).not.toBeNull();
    const uids = ["acme-gw-0001", "acme-gw-0002", "acme-gw-0003", "acme-gw-0004"];
    const rows = await until(async () => {
      const r = await database.db.select().from(devices).where(inArray(devices.uniqueId, uids));
      return r.every((d) => d.heartbeatAt && d.heartbeatAt.getTime() >= started - 1000) ? r : null;
    });
    expect(rows).toHaveLength(4);
    // 0004 was transferred but never configured: it checked in with its escrow token and got its config.
    expect(rows.find((d) => d.uniqueId === "acme-gw-0004")?.configDeliveredAt).not.toBeNull();
    // The gateways of the pending request wait in escrow: seen, not transferred.
    const pending = await until(async () => {
      const r = await database.db.select().from(escrowDevices).where(inArray(escrowDevices.uniqueId, ["acme-gw-0005", "acme-gw-0006", "acme-gw-0007"]));
      return r.every((e) => e.lastCheckinAt && e.lastCheckinAt.getTime() >= started - 1000) ? r : null;
    });
    expect(pending.map((e) => e.status)).toEqual(["transfer_pending", "transfer_pending", "transfer_pending"]);
    const exited = new Promise((r) => fleet.on("exit", r));
    server.emit("exit");
    await exited;
    expect(readFileSync(path.join(dataDir, "demo-fleet.log"), "utf8")).toMatch(/fleet of 7/);
  }, 90_000);
});
