import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freshAccount, screenshot, signIn } from "./fixtures";

/** The real reference agent as its own process; its stdout is collected line by line. */
function startAgent(args: string[]) {
  const lines: { at: number; text: string }[] = [];
  const child: ChildProcess = spawn("node_modules/.bin/tsx", ["lib/agent/cli.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let buf = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buf += chunk.toString();
    let i = buf.indexOf("\n");
    while (i >= 0) {
      lines.push({ at: Date.now(), text: buf.slice(0, i) });
      buf = buf.slice(i + 1);
      i = buf.indexOf("\n");
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => lines.push({ at: Date.now(), text: `stderr: ${chunk.toString()}` }));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return {
    lines,
    exited,
    child,
    async waitFor(re: RegExp, timeoutMs = 30_000) {
      const t0 = Date.now();
      for (;;) {
        const hit = lines.find((l) => re.test(l.text));
        if (hit) return hit;
        if (Date.now() - t0 > timeoutMs) throw new Error(`agent never logged ${re}; it logged:\n${lines.map((l) => l.text).join("\n")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

test("the seven-step workflow: escrow → transfer → accept with override → the gateway configures itself and goes online", async ({ browser, baseURL, request }) => {
  test.setTimeout(180_000);
  const maker = await freshAccount(baseURL!, "maker");
  const customer = await freshAccount(baseURL!, "customer");

  // Step 1: the manufacturer creates a device type and an escrow device through the API.
  const makerType = await maker.post("device_types", {
    name: "Maker Edge 9",
    manufacturer: "Maker",
    model: "ME-9",
    type: "gateway",
    config: { heartbeat_period: 60, log_config: { level: "info" } },
  });
  expect(makerType.status()).toBe(201);
  const customerType = await customer.post("device_types", {
    name: "Customer Field Gateway",
    manufacturer: "Maker",
    model: "ME-9",
    type: "gateway",
    config: { heartbeat_period: 5, site: "north-yard" },
  });
  expect(customerType.status()).toBe(201);
  const uniqueId = `wf-${Date.now().toString(36)}`;
  const escrowToken = `escrow-token-${Date.now()}-abcdef`;
  const created = await maker.post("escrow_devices", { unique_id: uniqueId, token: escrowToken });
  expect(created.status()).toBe(201);
  expect(await created.json()).not.toHaveProperty("token");

  // Step 2: the token is placed on the gateway; step 3: the real agent checks in and waits.
  const dir = mkdtempSync(path.join(tmpdir(), "handoff-wf-"));
  const tokenFile = path.join(dir, "escrow_token");
  writeFileSync(tokenFile, `${escrowToken}\n`);
  const stateDir = path.join(dir, "state");
  const agent = startAgent(["--url", baseURL!, "--unique-id", uniqueId, "--token-file", tokenFile, "--state-dir", stateDir, "--wait", "30"]);
  try {
    await agent.waitFor(/escrow: waiting/);

    // The manufacturer's portal shows that the gateway has been seen.
    const makerPage = await (await browser.newContext()).newPage();
    await signIn(makerPage, maker.email);
    await makerPage.goto(`/escrow-devices?q=${uniqueId}`);
    const row = makerPage.getByRole("row", { name: new RegExp(uniqueId) });
    await expect(row).toContainText(/just now|minute/);
    await screenshot(makerPage, "workflow-1-escrow-seen");

    // Step 4: the manufacturer transfers it in the browser.
    await row.getByRole("checkbox", { name: `Select ${uniqueId}` }).check();
    await makerPage.getByRole("button", { name: "Transfer…" }).click();
    await makerPage.getByLabel(/Destination account id/).fill(customer.me.company_id);
    await expect(makerPage.getByText("Sending to")).toContainText("customer Co");
    await makerPage.getByLabel("Device type", { exact: true }).selectOption({ label: "Maker Edge 9 (ME-9)" });
    await makerPage.getByRole("button", { name: "Send transfer request" }).click();
    await expect(makerPage.getByRole("link", { name: "View transfer" })).toBeVisible();

    // Steps 5–6: the customer sees it incoming and accepts with an override.
    const customerPage = await (await browser.newContext()).newPage();
    await signIn(customerPage, customer.email);
    await customerPage.goto("/transfers");
    await customerPage.getByRole("link", { name: /maker Co/ }).first().click();
    await customerPage.getByRole("button", { name: "Review and accept…" }).click();
    const preview = customerPage.getByRole("region", { name: "What will happen" });
    await expect(preview).toContainText("copy Maker Edge 9");
    await customerPage.getByLabel("Device type override").selectOption({ label: "Customer Field Gateway (ME-9)" });
    await expect(preview).toContainText("will use your type Customer Field Gateway");
    await customerPage.getByRole("button", { name: "Accept", exact: true }).click();
    await expect(customerPage.getByText("1 device created in your account")).toBeVisible();
    const acceptedAt = Date.now();

    // Step 7: the waiting long-poll answers within 2 s; the agent writes its config and token.
    const active = await agent.waitFor(/active: configured as/, 10_000);
    expect(active.at - acceptedAt).toBeLessThan(2_000);
    expect(active.text).toContain("customer Co");
    const config = JSON.parse(readFileSync(path.join(stateDir, "config.json"), "utf8"));
    expect(JSON.stringify(config)).toContain("north-yard");
    expect(statSync(path.join(stateDir, "device_token")).mode & 0o777).toBe(0o600);

    // It heartbeats, and the customer's portal shows it online.
    await expect
      .poll(
        async () => {
          await customerPage.goto("/devices");
          return (await customerPage.getByRole("row", { name: new RegExp(uniqueId) }).textContent()) ?? "";
        },
        { timeout: 30_000 },
      )
      .toContain("Online");
    await screenshot(customerPage, "workflow-2-device-online");

    // The escrow token no longer works once the device token has been used.
    const again = await request.post("/api/v1/gateway/escrow/checkin", { data: { unique_id: uniqueId, token: escrowToken } });
    expect(again.status()).toBe(401);
    expect((await again.json()).error).toBe("invalid credentials");
  } finally {
    agent.child.kill("SIGTERM");
  }
  expect(await agent.exited).toBe(0);
});
