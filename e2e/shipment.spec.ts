import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, freshAccount, pageAs as signedInPage } from "./fixtures";

type Api = Awaited<ReturnType<typeof freshAccount>>;
const SHOTS = "test-results/shipment";

const pageAs = (browser: Browser, email: string) => signedInPage(browser, email, { width: 1366 });

/** The page at 1366 and 390 px wide (full page), then back to 1366. */
async function shots(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function deviceType(api: Api, name: string, model: string): Promise<string> {
  const r = await api.post("device_types", { name, manufacturer: "Acme", model, type: "gateway", config: { heartbeat_period: 30 } });
  expect(r.status()).toBe(201);
  return (await r.json())._id;
}

async function escrow(api: Api, prefix: string, tokenPrefix: string, n: number, width = 4) {
  const rows = Array.from({ length: n }, (_, i) => ({ unique_id: `${prefix}${String(i + 1).padStart(width, "0")}`, token: `${tokenPrefix}${String(i + 1).padStart(width, "0")}` }));
  const r = await api.post("escrow_devices/bulk", { escrow_devices: rows });
  expect(r.status()).toBe(201);
  return (await r.json()).resources as { _id: string; unique_id: string }[];
}

function startFleet(baseURL: string, n: number, prefix: string, tokenPrefix: string, stateDir: string): ChildProcess {
  rmSync(stateDir, { recursive: true, force: true });
  return spawn(
    "node_modules/.bin/tsx",
    ["lib/agent/cli.ts", "--url", baseURL, "--fleet", String(n), "--unique-id-prefix", prefix, "--token-prefix", tokenPrefix, "--state-dir", stateDir, "--wait", "30"],
    { stdio: "ignore" },
  );
}

test("select all matching across pages → Transfer → accept → the sender's page shows activation progress live while the agent fleet activates", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const maker = await freshAccount(baseURL!, "maker");
  const customer = await freshAccount(baseURL!, "customer");
  await deviceType(maker, "Pallet Gateway", "PG-7");
  const N = 60;
  const prefix = `ship-${stamp}-`;
  const tokenPrefix = `ship-token-${stamp}-`;
  await escrow(maker, prefix, tokenPrefix, N);
  await escrow(maker, `other-${stamp}-`, `other-token-${stamp}-`, 3);

  const makerPage = await pageAs(browser, maker.email);
  // Filtered to Escrowed: the sent rows leave the list, the confirmation must stay.
  await makerPage.goto(`/escrow-devices?q=${prefix}&status=escrowed`);
  await makerPage.getByLabel("Select all on this page").check();
  const bar = makerPage.getByRole("region", { name: "Selection" });
  await expect(bar).toContainText("50 selected");
  await bar.getByRole("button", { name: `Select all ${N} matching` }).click();
  await expect(bar).toContainText(`All ${N} matching selected`);
  await shots(makerPage, "escrow-select-all-matching");

  await bar.getByRole("button", { name: "Transfer…" }).click();
  const dialog = makerPage.getByRole("dialog");
  await expect(dialog.getByText(`${N} escrow devices selected and ready to transfer.`)).toBeVisible();
  await dialog.getByLabel(/Destination account id/).fill(customer.me.company_id);
  await expect(dialog.getByText("Sending to")).toContainText("customer Co");
  await expect(dialog.getByLabel("Device type")).toHaveValue(/^[0-9a-f]{24}$/);
  await expect(dialog.getByText(`${N} escrow devices in one request`)).toBeVisible();
  await shots(makerPage, "transfer-dialog-selection");
  await dialog.getByRole("button", { name: "Send transfer request" }).click();

  const notice = makerPage.getByRole("dialog");
  await expect(notice.getByRole("heading", { name: "Transfer request sent" })).toBeVisible();
  // The list re-renders without the sent rows; the confirmation outlives them.
  await expect(makerPage.getByText("No escrow devices match")).toBeVisible();
  await makerPage.waitForTimeout(1500);
  await expect(notice.getByRole("heading", { name: "Transfer request sent" })).toBeVisible();
  await shots(makerPage, "transfer-sent-notice");
  await notice.getByRole("link", { name: "View transfer" }).click();
  await expect(makerPage.getByRole("heading", { name: /Transfer to customer Co/ })).toBeVisible();
  const transferUrl = makerPage.url();
  const transferId = transferUrl.split("/").pop()!;
  await expect(makerPage.getByText("Pending", { exact: true }).first()).toBeVisible();

  // The customer accepts in another browser context.
  const customerPage = await pageAs(browser, customer.email);
  await customerPage.goto(`/transfers/${transferId}`);
  await customerPage.getByRole("button", { name: "Review and accept…" }).click();
  await customerPage.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(customerPage.getByText(`${N} devices created in your account`)).toBeVisible();

  // The maker's open page turns Accepted without a reload and shows the activation picture at zero.
  const activation = makerPage.getByLabel("Activation progress");
  await expect(activation).toBeVisible({ timeout: 15_000 });
  await expect(makerPage.getByText("Accepted", { exact: true }).first()).toBeVisible();
  await expect(makerPage.getByText("Review and accept…")).toHaveCount(0);
  await expect(activation).toContainText("First heartbeat0 ");

  // The reference agent fleet powers on: the numbers move without a reload.
  const fleet = startFleet(baseURL!, N, prefix, tokenPrefix, `${SHOTS}/fleet-${stamp}`);
  try {
    const seen = new Set<string>();
    const t0 = Date.now();
    for (;;) {
      const text = (await activation.textContent()) ?? "";
      const m = /First heartbeat([\d,]+) /.exec(text);
      if (m) seen.add(m[1]);
      if (m?.[1] === String(N)) break;
      if (Date.now() - t0 > 90_000) throw new Error(`activation never completed; saw ${[...seen].join(", ")}`);
      await makerPage.waitForTimeout(250);
    }
    expect(seen.size).toBeGreaterThanOrEqual(2);
    await expect(activation).toContainText(`Configuration delivered${N} 100%`);
    await expect(makerPage.getByText("All devices heartbeating")).toBeVisible({ timeout: 10_000 });
    await shots(makerPage, "transfer-activation-sender");
    await customerPage.reload();
    await expect(customerPage.getByLabel("Activation progress")).toContainText(`First heartbeat${N} 100%`);
    await shots(customerPage, "transfer-activation-customer");

    // A transfer's devices export, for the sender: escrow ids, never the customer's device ids.
    const [download] = await Promise.all([makerPage.waitForEvent("download"), makerPage.getByRole("link", { name: /Export devices/ }).click()]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("unique_id,state,escrow_device_id,config_delivered_at,first_heartbeat_at,heartbeat_at,last_escrow_checkin_at,error");
    expect(lines).toHaveLength(N + 1);
  } finally {
    fleet.kill("SIGTERM");
  }
});

test("packing list: report before sending; trusted sender auto-accepts; exports with filters; viewers export but cannot transfer", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const maker = await freshAccount(baseURL!, "maker");
  const customer = await freshAccount(baseURL!, "customer");
  const makerType = await deviceType(maker, "Crate Gateway", "CG-2");
  await deviceType(customer, "Utility Gateway", "UG-1");
  const devices = await escrow(maker, `pack-${stamp}-`, `pack-token-${stamp}-`, 6);
  // One is already offered elsewhere: not transferable.
  const third = await freshAccount(baseURL!, "third");
  expect((await maker.post("device_transfer_requests", { to_company_id: third.me.company_id, device_type_id: makerType, escrow_device_ids: [devices[5]._id] })).status()).toBe(201);

  // The customer trusts the maker, with its own type as the override.
  const customerPage = await pageAs(browser, customer.email);
  await customerPage.goto("/settings/trusted-senders");
  await expect(customerPage.getByText("No trusted senders")).toBeVisible();
  await customerPage.getByRole("button", { name: "Trust a sender" }).click();
  const trust = customerPage.getByRole("dialog");
  // Its own id: the problem is shown beside the field it is about, not in a general box.
  await trust.getByLabel("Sender account id").fill(customer.me.company_id);
  await trust.getByRole("button", { name: "Trust sender" }).click();
  await expect(trust.getByText("must be another account than the destination")).toBeVisible();
  await expect(trust.getByRole("alert")).toHaveCount(0);
  await trust.getByLabel("Sender account id").fill(maker.me.company_id);
  await trust.getByLabel("Devices arrive as (optional)").selectOption({ label: "Utility Gateway (UG-1)" });
  await shots(customerPage, "trusted-senders-dialog");
  await trust.getByRole("button", { name: "Trust sender" }).click();
  const ruleRow = customerPage.getByRole("row", { name: new RegExp(maker.me.company_id) });
  await expect(ruleRow).toContainText("not a partner yet");
  await expect(ruleRow).toContainText("Utility Gateway");
  await shots(customerPage, "trusted-senders");

  const makerPage = await pageAs(browser, maker.email);
  await makerPage.goto("/escrow-devices");
  await makerPage.getByRole("button", { name: "Packing list…" }).click();
  const dialog = makerPage.getByRole("dialog");
  const list = ["unique_id,pallet", ...devices.slice(0, 3).map((d) => `${d.unique_id.toUpperCase()},7`), `${devices[5].unique_id},7`, `nope-${stamp}-1,7`, `${devices[0].unique_id},7`].join("\n");
  await dialog.getByLabel("Packing list").fill(list);
  const report = dialog.getByRole("region", { name: "Packing list check" });
  await expect(report).toContainText("3 matched");
  await expect(report).toContainText("1 unknown");
  await expect(report).toContainText("1 not transferable");
  await expect(report).toContainText("1 duplicate ignored");
  await expect(report).toContainText(`nope-${stamp}-1`);
  await expect(report).toContainText(`${devices[5].unique_id} is already in a pending transfer request`);
  await dialog.getByLabel(/Destination account id/).fill(customer.me.company_id);
  await expect(dialog.getByText("Sending to")).toContainText("customer Co");
  await expect(dialog.getByText("3 escrow devices in one request")).toBeVisible();
  await shots(makerPage, "transfer-dialog-packing-list");
  await dialog.getByRole("button", { name: "Send transfer request" }).click();
  await expect(makerPage.getByRole("heading", { name: "Transfer accepted automatically" })).toBeVisible();
  await shots(makerPage, "transfer-auto-accepted-notice");
  await makerPage.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();

  // Both inboxes say so.
  await makerPage.goto("/transfers?tab=outgoing");
  await expect(makerPage.getByRole("row", { name: /customer Co/ })).toContainText("automatically");
  await customerPage.goto("/transfers?tab=incoming");
  await expect(customerPage.getByRole("row", { name: /maker Co/ })).toContainText("automatically");
  await shots(customerPage, "transfers-inbox-auto");

  // The escrow device page names its transfer and the counterparty.
  await makerPage.goto(`/escrow-devices/${devices[0]._id}`);
  await expect(makerPage.getByRole("link", { name: /^transfer [0-9a-f]{4}/ }).first()).toHaveAttribute("href", /^\/transfers\/[0-9a-f]{24}$/);
  await expect(makerPage.getByText(/Handed over to customer Co/)).toBeVisible();
  await shots(makerPage, "escrow-device-transfer");

  // Export with the current filter: exactly the filtered rows.
  await makerPage.goto(`/escrow-devices?status=transferred`);
  const [download] = await Promise.all([makerPage.waitForEvent("download"), makerPage.getByRole("link", { name: /Export CSV/ }).click()]);
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString("utf8");
  const rows = text.trimEnd().split("\r\n");
  expect(rows[0].startsWith("_id,unique_id,status,")).toBe(true);
  expect(rows.slice(1).map((r) => r.split(",")[1]).sort()).toEqual(devices.slice(0, 3).map((d) => d.unique_id).sort());

  // A viewer: Export yes, Transfer no.
  const viewerEmail = `viewer-${stamp}@e2e.test`;
  expect((await maker.post("users", { email: viewerEmail, password: DEMO_PASSWORD, company_id: maker.me.company_id, role: "viewer" })).status()).toBe(201);
  const viewerPage = await pageAs(browser, viewerEmail);
  await viewerPage.goto("/escrow-devices");
  await expect(viewerPage.getByRole("link", { name: /Export CSV/ })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: /Packing list|Transfer/ })).toHaveCount(0);
  await expect(viewerPage.getByLabel("Select all on this page")).toHaveCount(0);
  await viewerPage.goto("/devices");
  await viewerPage.goto("/activity");
  await expect(viewerPage.getByRole("link", { name: /Export CSV/ })).toBeVisible();

  // Exports are session-authenticated and tenant-scoped.
  const anon = await browser.newContext();
  expect((await anon.request.get(`${baseURL}/api/portal/export/escrow_devices`, { maxRedirects: 0 })).status()).not.toBe(200);
  await anon.close();
  const thirdPage = await pageAs(browser, third.email);
  const foreign = await thirdPage.request.get(`/api/portal/transfers/${(await (await maker.get("device_transfer_requests?status=accepted")).json())[0]._id}/activation`);
  expect(foreign.status()).toBe(404);
  const crossCsv = await thirdPage.request.get(`/api/portal/export/escrow_devices?company_id=${maker.me.company_id}`);
  // Naming another account's id narrows to nothing, as the JSON list does: the header alone.
  expect(crossCsv.status()).toBe(200);
  expect((await crossCsv.text()).trimEnd().split("\r\n")).toHaveLength(1);
});
