import { type Browser, expect, type Page, test } from "@playwright/test";
import { freshAccount, screenshot, pageAs as signedInPage } from "./fixtures";

type Api = Awaited<ReturnType<typeof freshAccount>>;

async function escrowDevices(api: Api, prefix: string, n: number): Promise<{ _id: string; unique_id: string }[]> {
  const r = await api.post("escrow_devices/bulk", { escrow_devices: Array.from({ length: n }, (_, i) => ({ unique_id: `${prefix}-${i + 1}` })) });
  expect(r.status()).toBe(201);
  return (await r.json()).resources;
}

async function deviceType(api: Api, name: string): Promise<string> {
  const r = await api.post("device_types", { name, manufacturer: "Acme", model: name.split(" ").pop(), type: "gateway", config: { heartbeat_period: 30 } });
  expect(r.status()).toBe(201);
  return (await r.json())._id;
}

async function offer(api: Api, to: string, typeId: string, ids: string[]): Promise<string> {
  const r = await api.post("device_transfer_requests", { to_company_id: to, device_type_id: typeId, escrow_device_ids: ids });
  expect(r.status()).toBe(201);
  return (await r.json())._id;
}

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await signedInPage(browser, email);
  await page.goto("/transfers");
  return page;
}

test("a manufacturer offers gateways, the customer previews, overrides, accepts, rejects; the manufacturer cancels", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const maker = await freshAccount(baseURL!, "maker");
  const customer = await freshAccount(baseURL!, "customer");
  const makerCo = maker.me.company_id as string;
  const customerCo = customer.me.company_id as string;
  const makerType = await deviceType(maker, "Edge Gateway EG-500");
  await deviceType(customer, "Customer Gateway CG-1");
  const first = await escrowDevices(maker, `gw-${stamp}-a`, 3);
  const second = await escrowDevices(maker, `gw-${stamp}-b`, 2);
  const third = await escrowDevices(maker, `gw-${stamp}-c`, 2);
  const member = await customer.post("users", { email: `member-${stamp}@e2e.test`, password: "handoff-demo-password", company_id: customerCo, role: "member" });
  expect(member.status()).toBe(201);

  const makerPage = await pageAs(browser, maker.email);
  const customerPage = await pageAs(browser, customer.email);

  // The badge's JSON route is session-authenticated.
  const anon = await browser.newContext();
  expect((await anon.request.get(`${baseURL}/api/portal/transfers/pending-count`)).status()).toBe(401);
  await anon.close();

  // 1) The manufacturer selects escrow devices and uses Transfer… (the API stands in if the table is not there).
  await makerPage.goto("/escrow-devices");
  const hasTable = (await makerPage.getByLabel(`Select ${first[0].unique_id}`).count()) > 0;
  let firstId: string;
  if (hasTable) {
    for (const e of first) await makerPage.getByLabel(`Select ${e.unique_id}`).check();
    await makerPage.getByRole("button", { name: "Transfer…" }).click();
    const dialog = makerPage.getByRole("dialog");
    await dialog.getByLabel(/Destination account id/).fill("nope-not-an-account");
    await expect(dialog.getByText("No account with this id.")).toBeVisible();
    await dialog.getByLabel(/Destination account id/).fill(customerCo);
    await expect(dialog.getByText("Sending to")).toContainText("customer Co");
    await dialog.getByLabel("Device type").selectOption({ label: "Edge Gateway EG-500 (EG-500)" });
    await expect(dialog.getByText("3 escrow devices in one request")).toBeVisible();
    await screenshot(makerPage, "transfers-create-dialog");
    // A problem with one field shows under that field, not in the general box.
    const expires = dialog.getByLabel("Expires on (optional)");
    await expires.fill("2020-13-01");
    await dialog.getByRole("button", { name: "Send transfer request" }).click();
    await expect(dialog.getByText("must be a date as YYYY-MM-DD")).toBeVisible();
    await expires.fill("2020-01-01");
    await dialog.getByRole("button", { name: "Send transfer request" }).click();
    await expect(dialog.getByText("must be in the future")).toBeVisible();
    await expect(dialog.getByText("must be a date as YYYY-MM-DD")).toHaveCount(0);
    await expect(dialog.getByRole("alert")).toHaveCount(0);
    await expires.fill("");
    await dialog.getByRole("button", { name: "Send transfer request" }).click();
    await expect(dialog.getByRole("heading", { name: "Transfer request sent" })).toBeVisible();
    const link = dialog.getByRole("link", { name: "View transfer" });
    firstId = (await link.getAttribute("href"))!.split("/").pop()!;
    expect(firstId).toMatch(/^[0-9a-f]{24}$/);
    await dialog.getByRole("button", { name: "Close" }).first().click();
    await expect(makerPage.getByRole("row", { name: new RegExp(first[0].unique_id) })).toContainText("Transfer pending");

    // A device already pending is left out, and said so; the partner is one click.
    await makerPage.getByLabel(`Select ${first[0].unique_id}`).check();
    await makerPage.getByLabel(`Select ${third[0].unique_id}`).check();
    await makerPage.getByRole("button", { name: "Transfer…" }).click();
    await dialog.getByRole("radio", { name: /customer Co/ }).click();
    await expect(dialog.getByText("Sending to")).toContainText("customer Co");
    await expect(dialog.getByText("1 selected device is already pending or transferred and will be left out.")).toBeVisible();
    await expect(dialog.getByText("1 escrow device in one request")).toBeVisible();
    await screenshot(makerPage, "transfers-create-dialog-conflict");
    await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  } else {
    firstId = await offer(maker, customerCo, makerType, first.map((e) => e._id));
  }

  // A 409 names the devices already offered.
  const again = await maker.post("device_transfer_requests", { to_company_id: customerCo, device_type_id: makerType, escrow_device_ids: [first[0]._id] });
  expect(again.status()).toBe(409);
  expect((await again.json()).messages.join()).toContain(first[0].unique_id);

  // 2) The customer sees the live badge and the incoming inbox.
  const nav = customerPage.getByRole("navigation", { name: "Main" });
  await customerPage.reload();
  await expect(nav.getByRole("link", { name: /Transfers/ })).toContainText("1", { timeout: 15_000 });
  await nav.getByRole("link", { name: /Transfers/ }).click();
  await expect(customerPage.getByRole("heading", { name: "Transfers" })).toBeVisible();
  const row = customerPage.getByRole("row", { name: /maker Co/ });
  await expect(row).toContainText("Pending");
  await expect(row).toContainText("Edge Gateway EG-500");
  await expect(row).toContainText("3");
  await screenshot(customerPage, "transfers-incoming-inbox");

  // 3) The accept dialog: the preview follows the override.
  await row.getByRole("link", { name: "Review" }).click();
  await expect(customerPage.getByRole("heading", { name: /Transfer from maker Co/ })).toBeVisible();
  await customerPage.getByRole("button", { name: "Review and accept…" }).click();
  const dialog = customerPage.getByRole("dialog");
  for (const e of first) await expect(dialog.getByRole("list", { name: "Devices in this transfer" })).toContainText(e.unique_id);
  const preview = dialog.getByRole("region", { name: "What will happen" });
  await expect(preview).toContainText("will copy Edge Gateway EG-500 into your account");
  await dialog.getByLabel("Device type override").selectOption({ label: "Customer Gateway CG-1 (CG-1)" });
  await expect(preview).toContainText("will use your type Customer Gateway CG-1");
  await screenshot(customerPage, "transfers-accept-dialog-override");
  await dialog.getByLabel("Device type override").selectOption({ label: "No override" });
  await expect(preview).toContainText("will copy Edge Gateway EG-500");
  await screenshot(customerPage, "transfers-accept-dialog");
  await dialog.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(dialog.getByText("3 devices created in your account")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).first().click();
  await expect(customerPage.getByRole("heading", { name: /Transfer from maker Co/ })).toBeVisible();
  await expect(customerPage.getByText("Accepted").first()).toBeVisible();
  const devices = customerPage.getByRole("table", { name: "Devices in this transfer" });
  for (const e of first) await expect(devices.getByRole("row", { name: new RegExp(e.unique_id) })).toContainText("Transferred");
  await expect(devices.getByRole("link", { name: "Open device" })).toHaveCount(3);
  await expect(customerPage.getByText("copied on accept")).toBeVisible();
  await screenshot(customerPage, "transfers-detail-accepted");

  // The next offer of the same type would reuse the copy.
  const secondId = await offer(maker, customerCo, makerType, second.map((e) => e._id));
  await customerPage.goto(`/transfers/${secondId}`);
  await customerPage.getByRole("button", { name: "Review and accept…" }).click();
  await expect(customerPage.getByRole("region", { name: "What will happen" })).toContainText(/will reuse Edge Gateway EG-500, copied into your account on \w+ \d+, \d{4}/);

  // 4) Reject with a reason.
  await customerPage.getByRole("dialog").getByRole("button", { name: "Reject", exact: true }).click();
  await customerPage.getByLabel("Reason (optional)").fill("Wrong site");
  await customerPage.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(customerPage.getByRole("dialog").getByRole("heading", { name: "Transfer rejected" })).toBeVisible();
  await customerPage.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();
  await expect(customerPage.getByText("Wrong site").first()).toBeVisible();

  // A member sees incoming requests but no Accept/Reject.
  const thirdId = await offer(maker, customerCo, makerType, third.map((e) => e._id));
  const memberPage = await pageAs(browser, `member-${stamp}@e2e.test`);
  await memberPage.goto(`/transfers/${thirdId}`);
  await expect(memberPage.getByRole("heading", { name: /Transfer from maker Co/ })).toBeVisible();
  await expect(memberPage.getByText(/Waiting for an admin/)).toBeVisible();
  await expect(memberPage.getByRole("button", { name: /accept/i })).toHaveCount(0);

  // 5) The manufacturer's outgoing inbox; cancel the pending one.
  await makerPage.goto("/transfers?tab=outgoing");
  const outRows = makerPage.getByRole("table", { name: "Outgoing transfers" }).getByRole("row", { name: /customer Co/ });
  await expect(outRows).toHaveCount(3);
  await screenshot(makerPage, "transfers-outgoing-inbox");
  await makerPage.goto(`/transfers/${thirdId}`);
  await makerPage.getByRole("button", { name: "Cancel request", exact: true }).click();
  await makerPage.getByRole("button", { name: "Yes, cancel request" }).click();
  await expect(makerPage.getByRole("heading", { name: /Transfer to customer Co/ }).locator("..")).toContainText("Cancelled");
  await expect(makerPage.getByRole("button", { name: "Cancel request", exact: true })).toHaveCount(0);
  await makerPage.goto(`/transfers/${firstId}`);
  await expect(makerPage.getByText("Transfer accept").first()).toBeVisible();
  await screenshot(makerPage, "transfers-detail-outgoing");
  await makerPage.goto("/transfers?tab=outgoing&status=cancelled");
  await expect(makerPage.getByRole("row", { name: /customer Co/ })).toHaveCount(1);
  await makerPage.goto("/transfers?tab=incoming");
  await expect(makerPage.getByText("No incoming transfers yet")).toBeVisible();
  await screenshot(makerPage, "transfers-incoming-empty");

  // The customer's badge drops to zero once nothing is pending.
  await customerPage.goto("/transfers");
  await expect(nav.getByRole("link", { name: /Transfers/ })).not.toContainText(/\d/);
  expect(makerCo).not.toBe(customerCo);
});

test("the accept preview route answers the destination's admins only, says what is wrong with its input, and hides other accounts' requests", async ({ browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  const maker = await freshAccount(baseURL!, "maker");
  const customer = await freshAccount(baseURL!, "customer");
  const third = await freshAccount(baseURL!, "third");
  const makerType = await deviceType(maker, "Preview Gateway PG-1");
  const ownType = await deviceType(customer, "Own Gateway OG-1");
  const thirdType = await deviceType(third, "Third Gateway TG-1");
  const [device] = await escrowDevices(maker, `pv-${stamp}`, 1);
  const id = await offer(maker, customer.me.company_id as string, makerType, [device._id]);
  const url = `/api/portal/transfers/${id}/preview`;
  const customerPage = await pageAs(browser, customer.email);

  // No override, then the customer's own type as the override.
  const copy = await customerPage.request.get(url);
  expect(copy.status()).toBe(200);
  expect(await copy.json()).toMatchObject({ resolution: "copy", device_type: { _id: null, name: "Preview Gateway PG-1" } });
  const override = await customerPage.request.get(`${url}?device_type_id=${ownType}`);
  expect(override.status()).toBe(200);
  expect(await override.json()).toMatchObject({ resolution: "override", device_type: { _id: ownType, name: "Own Gateway OG-1" } });

  // Bad input is a 400 that lists the problems.
  const malformed = await customerPage.request.get(`${url}?device_type_id=${"x".repeat(65)}`);
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual({ error: "invalid preview query", messages: ["device_type_id: is not a valid id"] });
  const foreignType = await customerPage.request.get(`${url}?device_type_id=${thirdType}`);
  expect(foreignType.status()).toBe(400);
  expect(await foreignType.json()).toEqual({ error: "invalid device type override", messages: ["device_type_id: is not a device type of the destination account"] });

  // The sender sees the request but does not decide it; a third account does not learn it exists.
  const makerPage = await pageAs(browser, maker.email);
  expect((await makerPage.request.get(url)).status()).toBe(403);
  const thirdPage = await pageAs(browser, third.email);
  const foreign = await thirdPage.request.get(url);
  expect(foreign.status()).toBe(404);
  const foreignBody = await foreign.json();
  expect(foreignBody).toEqual({ error: "device transfer request not found", messages: ["device transfer request not found"] });
  const missing = await thirdPage.request.get("/api/portal/transfers/000000000000000000000000/preview");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual(foreignBody);
  const anon = await browser.newContext();
  expect((await anon.request.get(`${baseURL}${url}`)).status()).toBe(401);
  await anon.close();

  // The dialog reads the preview; a request cancelled meanwhile fails the accept in the general box.
  await customerPage.goto(`/transfers/${id}`);
  await customerPage.getByRole("button", { name: "Review and accept…" }).click();
  const dialog = customerPage.getByRole("dialog");
  await expect(dialog.getByRole("region", { name: "What will happen" })).toContainText("will copy Preview Gateway PG-1");
  expect((await maker.delete(`device_transfer_requests/${id}`)).status()).toBe(200);
  await dialog.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("the transfer request is cancelled, not pending");
  const decided = await customerPage.request.get(url);
  expect(decided.status()).toBe(409);
  expect((await decided.json()).messages).toEqual(["the transfer request is cancelled, not pending"]);
});
