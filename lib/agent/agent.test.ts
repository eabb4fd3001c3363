import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, devices, escrowDevices } from "@/db/schema";
import { setGatewayRateLimits } from "@/lib/gateway/rate-limit";
import { makeEscrowDevice, makeGatewayScenario, simulateAccept } from "@/lib/gateway/test-factories";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";

let database: Database;
let api: TestApi;
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const cli = path.join(process.cwd(), "lib", "agent", "cli.ts");
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await testDatabase();
  api = await startTestApi(database);
  await setGatewayRateLimits(null);
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

interface Agent {
  proc: ChildProcess;
  output: () => string;
  waitFor: (text: string | RegExp, ms?: number) => Promise<void>;
  exit: Promise<number | null>;
}

function startAgent(args: string[]): Agent {
  const proc = spawn(process.execPath, [tsxCli, cli, "--url", api.url, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(proc);
  let out = "";
  proc.stdout!.on("data", (d) => {
    out += d;
  });
  proc.stderr!.on("data", (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
  return {
    proc,
    output: () => out,
    exit,
    async waitFor(text, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (!(typeof text === "string" ? out.includes(text) : text.test(out))) {
        if (Date.now() > deadline) throw new Error(`agent never logged ${text}; output:\n${out}`);
        if (proc.exitCode !== null) throw new Error(`agent exited (${proc.exitCode}) before logging ${text}; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("reference gateway agent (real process)", () => {
  it("waits in escrow, activates on accept, writes its state 0600, heartbeats, exits 0 on SIGTERM, resumes from state", async () => {
    const s = await makeGatewayScenario(database.db);
    const dir = mkdtempSync(path.join(tmpdir(), "handoff-agent-"));
    const tokenFile = path.join(dir, "escrow_token");
    writeFileSync(tokenFile, `  ${s.token}\n`);
    const stateDir = path.join(dir, "state");
    const args = ["--unique-id", s.uniqueId, "--token-file", tokenFile, "--state-dir", stateDir, "--wait", "10"];

    const agent = startAgent(args);
    await agent.waitFor("escrow: waiting");
    const [seen] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(seen.firstCheckinAt).toBeInstanceOf(Date);

    await new Promise((r) => setTimeout(r, 500)); // the agent is now in its long-poll
    const device = await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id, heartbeatPeriod: 1, name: "Substation 7" });
    const acceptedAt = Date.now();
    await agent.waitFor(`active: configured as Substation 7 (${s.uniqueId}) in account ${s.customer.name}`);
    expect(Date.now() - acceptedAt).toBeLessThan(3000);

    const configFile = path.join(stateDir, "config.json");
    const tokenPath = path.join(stateDir, "device_token");
    expect(existsSync(configFile)).toBe(true);
    expect(statSync(tokenPath).mode & 0o777).toBe(0o600);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(configFile, "utf8"));
    expect(config.mode).toBe("active");
    expect(config.device._id).toBe(device.id);
    expect(config.config.heartbeat_period).toBe(1);
    expect(config.device_token).toBeUndefined();
    const deviceToken = readFileSync(tokenPath, "utf8").trim();
    expect(deviceToken.length).toBeGreaterThan(30);

    await agent.waitFor("heartbeat: ok");
    const beat = await until(async () => {
      const [d] = await database.db.select().from(devices).where(eq(devices.id, device.id));
      return d.heartbeatAt ? d : null;
    });
    expect(beat.firstHeartbeatAt).toBeInstanceOf(Date);
    const [retired] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id));
    expect(retired.tokenRetiredAt).toBeInstanceOf(Date);

    agent.proc.kill("SIGTERM");
    expect(await agent.exit).toBe(0);

    // Restarted with its state: straight to heartbeats, no escrow check-in.
    const before = (await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id)))[0].lastCheckinAt;
    const again = startAgent(args);
    await again.waitFor("heartbeat: ok");
    expect(again.output()).not.toContain("escrow:");
    again.proc.kill("SIGINT");
    expect(await again.exit).toBe(0);
    const after = (await database.db.select().from(escrowDevices).where(eq(escrowDevices.id, s.escrow.id)))[0].lastCheckinAt;
    expect(after?.getTime()).toBe(before?.getTime());

    const events = await database.db
      .select({ action: auditEvents.action, accountId: auditEvents.accountId })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorType, "gateway")));
    const mine = events.filter((e) => e.accountId === s.customer.id || e.accountId === s.maker.id);
    expect(mine.filter((e) => e.action === "gateway.checkin_escrow")).toEqual([{ action: "gateway.checkin_escrow", accountId: s.maker.id }]);
    expect(mine.filter((e) => e.action === "gateway.activated").map((e) => e.accountId).sort()).toEqual([s.customer.id, s.maker.id].sort());
    expect(mine.filter((e) => e.action === "gateway.first_heartbeat")).toEqual([{ action: "gateway.first_heartbeat", accountId: s.customer.id }]);
  });

  it("a refused device token sends it back to escrow check-in; a wrong escrow token is reported and retried", async () => {
    const s = await makeGatewayScenario(database.db);
    const dir = mkdtempSync(path.join(tmpdir(), "handoff-agent-"));
    const tokenFile = path.join(dir, "escrow_token");
    writeFileSync(tokenFile, s.token);
    const stateDir = path.join(dir, "state");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(stateDir);
    writeFileSync(path.join(stateDir, "device_token"), "hd_not-a-real-device-token");
    const agent = startAgent(["--unique-id", s.uniqueId, "--token-file", tokenFile, "--state-dir", stateDir, "--wait", "2"]);
    await agent.waitFor("heartbeat: device token refused");
    await agent.waitFor("escrow: waiting");
    expect(existsSync(path.join(stateDir, "device_token"))).toBe(false);
    agent.proc.kill("SIGTERM");
    expect(await agent.exit).toBe(0);

    const wrong = await makeEscrowDevice(database.db, s.maker.id);
    writeFileSync(tokenFile, "definitely-the-wrong-token");
    const bad = startAgent(["--unique-id", wrong.uniqueId, "--token-file", tokenFile, "--state-dir", path.join(dir, "s2"), "--wait", "2"]);
    await bad.waitFor(/error: escrow: credentials refused.*retrying in \d+s/);
    bad.proc.kill("SIGTERM");
    expect(await bad.exit).toBe(0);
  });

  it("--fleet simulates many gateways with a live summary", async () => {
    const s = await makeGatewayScenario(database.db);
    const prefix = `fleet-${Date.now().toString(36)}-`;
    for (let i = 1; i <= 5; i++) await makeEscrowDevice(database.db, s.maker.id, { uniqueId: `${prefix}${String(i).padStart(4, "0")}`, token: `fleet-token-xyz-${String(i).padStart(4, "0")}` });
    const dir = mkdtempSync(path.join(tmpdir(), "handoff-fleet-"));
    const fleet = startAgent(["--fleet", "5", "--unique-id-prefix", prefix, "--token-prefix", "fleet-token-xyz-", "--state-dir", dir, "--wait", "10"]);
    await fleet.waitFor("fleet of 5: escrow 5 · active 0 · errors 0");
    const [e1] = await database.db.select().from(escrowDevices).where(eq(escrowDevices.uniqueId, `${prefix}0001`));
    await simulateAccept(database.db, e1.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id, heartbeatPeriod: 5 });
    await fleet.waitFor("fleet of 5: escrow 4 · active 1 · errors 0");
    fleet.proc.kill("SIGTERM");
    expect(await fleet.exit).toBe(0);
  });

  it("backs off on 429, honouring Retry-After, then carries on", async () => {
    await setGatewayRateLimits({ requestsPerUniqueId: 1, requestWindowMs: 2000 });
    try {
      const s = await makeGatewayScenario(database.db);
      const dir = mkdtempSync(path.join(tmpdir(), "handoff-agent-"));
      const tokenFile = path.join(dir, "escrow_token");
      writeFileSync(tokenFile, s.token);
      const agent = startAgent(["--unique-id", s.uniqueId, "--token-file", tokenFile, "--state-dir", path.join(dir, "state"), "--wait", "1"]);
      await agent.waitFor("escrow: waiting");
      const limited = /error: escrow check-in: rate limited \(retry after (\d+)s\); retrying in (\d+)s/;
      await agent.waitFor(limited);
      const [, retryAfter, retryingIn] = limited.exec(agent.output())!;
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryingIn)).toBeGreaterThanOrEqual(Number(retryAfter));
      const limitedAt = Date.now();
      // After the window it gets in again; the device is then activated by the next check-ins.
      await simulateAccept(database.db, s.escrow.id, { accountId: s.customer.id, deviceTypeId: s.customerType.id, heartbeatPeriod: 5 });
      await agent.waitFor("active: configured as", 15_000);
      expect(Date.now() - limitedAt).toBeGreaterThan(1500);
      agent.proc.kill("SIGTERM");
      expect(await agent.exit).toBe(0);
    } finally {
      await setGatewayRateLimits(null);
    }
  });
});
