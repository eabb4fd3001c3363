import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { freshAccount } from "./fixtures";
import { ListPage, MAIN_PAGES, OverviewPage, Portal } from "./pages";

const STATS = ["incoming-pending", "outgoing-pending", "escrow-escrowed", "escrow-transfer_pending", "escrow-transferred", "devices-online", "devices-offline", "devices-never_reported"];

test.describe("overview", () => {
  for (const email of ["maker@acme.test", "admin@globex.test"]) {
    test(`every number on ${email}'s overview equals the list it opens`, async ({ page }) => {
      const portal = await Portal.signIn(page, email);
      await expect(page).toHaveURL(/\/$/);
      await expect(portal.heading).toHaveText("Overview");
      const overview = new OverviewPage(page);
      let checked = 0;
      for (const id of STATS) {
        await portal.goto("/", "Overview");
        if (!(await overview.stat(id).count())) continue;
        // Heartbeat statuses move with the clock (a demo device turns offline a minute after its
        // last heartbeat): the two reads are retried together until they see the same moment.
        await expect(async () => {
          await portal.goto("/", "Overview");
          const n = await overview.count(id);
          await overview.stat(id).click();
          await expect(page).not.toHaveURL(/\/$/);
          await expect(portal.heading).toBeVisible();
          expect(await new ListPage(page).total(), `${email}: ${id} → ${page.url()}`).toBe(n);
        }).toPass({ timeout: 30_000 });
        checked += 1;
      }
      expect(checked).toBe(5);
    });
  }

  test("the demo's numbers are the demo's: Acme ships, Globex receives", async ({ page }) => {
    await Portal.signIn(page, "maker@acme.test");
    const o = new OverviewPage(page);
    expect(await o.count("escrow-transferred")).toBe(4);
    expect(await o.count("escrow-transfer_pending")).toBe(3);
    expect(await o.count("escrow-escrowed")).toBe(18);
    expect(await o.count("outgoing-pending")).toBe(1);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").nth(1)).toHaveText("Escrow devices");
    await page.getByRole("button", { name: "Sign out" }).click();

    await Portal.signIn(page, "admin@globex.test");
    expect(await o.count("incoming-pending")).toBe(1);
    const devices = (await o.count("devices-online")) + (await o.count("devices-offline")) + (await o.count("devices-never_reported"));
    expect(devices).toBe(4);
    // A customer without escrow devices works from transfers and devices; the maker tools wait at the end.
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link").nth(1)).toHaveText(/Transfers/);
    await expect(nav.getByText("Shipping gateways")).toBeVisible();
    await expect(page.getByText("Shipping gateways to customers?")).toBeVisible();
    // Recent activity reads as sentences that link to their subjects.
    const activity = page.getByRole("region", { name: "Recent activity" });
    await expect(activity.getByRole("link", { name: /^transfer [0-9a-f]{4}…$/ }).first()).toBeVisible();
    // The Transfers tabs count their requests and call out the pending ones.
    const waiting = await o.count("incoming-pending");
    await page.goto("/transfers");
    const incomingTab = page.getByRole("navigation", { name: "Direction" }).getByRole("link").first();
    await expect(incomingTab).toContainText(`${waiting} pending`);
    await expect(incomingTab.getByTestId("tab-count")).toHaveAttribute("data-pending", String(waiting));
  });
});

test.describe("not found and titles", () => {
  test("a branded 404 outside the portal, with a way back", async ({ page }) => {
    const r = await page.goto("/no-such-page");
    expect(r?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "There is no page here" })).toBeVisible();
    await expect(page).toHaveTitle("Page not found · Handoff");
    await page.getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a branded 404 inside the portal keeps the navigation; detail titles name the record", async ({ page }) => {
    const portal = await Portal.signIn(page, "maker@acme.test");
    const r = await page.goto("/escrow-devices/000000000000000000000000");
    expect(r?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that" })).toBeVisible();
    await expect(portal.nav).toBeVisible();
    await page.getByRole("link", { name: "Go to the overview" }).click();
    await expect(portal.heading).toHaveText("Overview");
    await expect(page).toHaveTitle("Overview · Handoff");

    await portal.goto("/escrow-devices?q=acme-gw-0001", "Escrow devices");
    await expect(page).toHaveTitle("Escrow devices · Handoff");
    await page.getByRole("link", { name: "acme-gw-0001" }).click();
    await expect(portal.heading).toHaveText("acme-gw-0001");
    await expect(page).toHaveTitle("acme-gw-0001 · Escrow devices · Handoff");
  });
});

test.describe("on a phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("no main page scrolls sideways, and the Menu button opens the navigation", async ({ page }) => {
    for (const email of ["maker@acme.test", "admin@globex.test"]) {
      const portal = await Portal.signIn(page, email);
      await expect(portal.nav).toBeHidden();
      for (const p of MAIN_PAGES) {
        await portal.goto(p.path, p.heading);
        expect(await portal.sidewaysOverflow(), `${email} ${p.path}`).toBeLessThanOrEqual(0);
      }
      await portal.menuButton.click();
      await expect(portal.nav).toBeVisible();
      await portal.nav.getByRole("link", { name: "Devices", exact: true }).click();
      await expect(portal.heading).toHaveText("Devices");
      await expect(portal.nav).toBeHidden();
      await portal.signOut();
    }
  });

  test("settings tables fold into cards with their actions in view, and the switcher shows a long account name in full", async ({ page, baseURL }) => {
    const owner = await freshAccount(baseURL!, "phone");
    const longName = "Northwind Industrial Automation — Rotterdam Harbour Distribution Centre, Building 7 East";
    expect((await owner.post("companies", { name: longName, company_id: owner.me.company_id })).status()).toBe(201);
    const invitee = `phone-invitee-${Date.now()}@e2e.test`;
    expect((await owner.post("invitations", { email: invitee, company_id: owner.me.company_id, role: "member" })).status()).toBe(201);
    // A receiver that always answers 500, so each delivery shows a failed attempt and a Resend button.
    const receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(500).end());
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/phone-hook`;
    const hook = await (await owner.post("webhooks", { url, events: ["*"], description: "Phone check" })).json();
    for (let i = 0; i < 2; i++) expect((await owner.post(`webhooks/${hook._id}/test`)).ok()).toBe(true);

    const portal = await Portal.signIn(page, owner.email);
    await portal.goto("/settings/members", "Settings");
    // The settings tabs do not fit: the bar says so by fading at the edge that hides more.
    const tabs = page.getByRole("navigation", { name: "Settings" });
    await expect(tabs).toHaveAttribute("data-more", "true");
    expect(await tabs.evaluate((el) => getComputedStyle(el).maskImage)).toContain("linear-gradient");
    const phone = page.viewportSize()!;
    await page.setViewportSize({ width: 1366, height: 900 });
    await expect(tabs).not.toHaveAttribute("data-more");
    await page.setViewportSize(phone);
    await expect(tabs).toHaveAttribute("data-more", "true");
    await portal.expectInView(page.getByRole("button", { name: `Revoke the invitation to ${invitee}` }), "Revoke");
    await portal.expectInView(page.getByRole("button", { name: `Remove ${owner.email}` }), "Remove");
    await portal.expectInView(page.getByLabel(`Role of ${owner.email}`), "Role");
    expect(await portal.tableOverflow(), "members tables").toBeLessThanOrEqual(0);
    expect(await portal.sidewaysOverflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/phone/members-390.png", fullPage: true });

    await portal.goto("/settings/api-tokens", "Settings");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByLabel("Token name").fill("phone script");
    await page.getByRole("dialog").getByRole("button", { name: "Create token" }).click();
    await page.getByRole("button", { name: "Done" }).click();
    await portal.expectInView(page.getByRole("row", { name: /phone script/ }).getByRole("button", { name: "Revoke" }), "Revoke token");
    expect(await portal.tableOverflow(), "tokens table").toBeLessThanOrEqual(0);

    const sender = await freshAccount(baseURL!, "phone-sender");
    expect((await owner.post("transfer_rules", { from_company_id: sender.me.company_id, company_id: owner.me.company_id })).status()).toBe(201);
    await portal.goto("/settings/trusted-senders", "Settings");
    await portal.expectInView(page.getByRole("button", { name: /^Stop trusting / }), "Stop trusting");
    expect(await portal.tableOverflow(), "trusted senders table").toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/phone/trusted-senders-390.png", fullPage: true });

    await portal.goto("/settings/webhooks", "Settings");
    const endpoint = page.getByRole("region", { name: `Webhook ${url}` });
    const rows = endpoint.getByRole("table").locator("tbody tr");
    await expect(rows).toHaveCount(2);
    for (let i = 0; i < 2; i++) {
      await portal.expectInView(rows.nth(i), `delivery ${i}`);
      await portal.expectInView(rows.nth(i).getByRole("button", { name: "Resend" }), `Resend ${i}`);
      await expect(rows.nth(i).getByRole("list", { name: "Attempts" })).toContainText("500");
    }
    expect(await portal.tableOverflow(), "delivery table").toBeLessThanOrEqual(0);
    expect(await portal.sidewaysOverflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/phone/webhooks-390.png", fullPage: true });
    receiver.close();

    // The switcher names the current account in full and lists the sub-account, in full, under its parent.
    await portal.switchAccount(longName);
    const switcher = portal.accountSwitcher;
    await expect(switcher).toHaveText(longName);
    await portal.expectInView(switcher, "switcher");
    expect(await switcher.evaluate((b) => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight)).toBe(true);
    await expect(page.getByRole("dialog").getByTestId("account-parent")).toHaveText(`${longName} is a sub-account of phone Co`);
    await switcher.click();
    const item = page.getByRole("menuitemradio", { name: longName, exact: true });
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute("aria-checked", "true");
    await portal.expectInView(item, "menu item");
    const parentItem = page.getByRole("menuitemradio", { name: "phone Co", exact: true });
    expect((await item.getByText(longName).boundingBox())!.x).toBeGreaterThan((await parentItem.getByText("phone Co").boundingBox())!.x + 10);
    await page.screenshot({ path: "test-results/phone/switcher-390.png" });
    await page.keyboard.press("Escape");
    await expect(item).toBeHidden();
  });
});

test.describe("activity", () => {
  test("reads as sentences whose links open their subjects; filters by action, actor and dates", async ({ page }) => {
    const portal = await Portal.signIn(page, "admin@globex.test");
    await portal.goto("/activity", "Activity");
    const events = page.getByRole("list", { name: "Events" });
    const accepted = events.getByRole("listitem").filter({ hasText: "accepted transfer" }).first();
    await expect(accepted).toHaveText(/admin@globex\.test accepted transfer [0-9a-f]{4}… from Acme Gateways: 4 devices, type copied/);
    const link = accepted.getByRole("link", { name: /^transfer / });
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/transfers\/[0-9a-f]{24}$/);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(portal.heading).toBeVisible();
    await expect(page.getByText("We couldn't find that")).toHaveCount(0);

    await portal.goto("/activity", "Activity");
    await page.getByLabel("Action").selectOption({ label: "Transfer accepted" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/action=transfer\.accept/);
    const rows = events.getByRole("listitem");
    await expect(rows.first()).toBeVisible();
    expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-action"))))).toEqual(new Set(["transfer.accept"]));
    await page.getByLabel("Action").selectOption({ label: "All actions" });
    await page.getByLabel("Actor").selectOption("maker@acme.test");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/actor=maker%40acme\.test/);
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allTextContents()) expect(text).toContain("maker@acme.test");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("From (UTC)").fill(tomorrow);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("Nothing matches these filters")).toBeVisible();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/activity$/);
    await expect(rows.nth(2)).toBeVisible();

    // The maker's side: a device type created links to the device type.
    await portal.signOut();
    await Portal.signIn(page, "maker@acme.test");
    await portal.goto("/activity?action=device_type.create", "Activity");
    await events.getByRole("link", { name: "Acme Edge Gateway 500" }).click();
    await expect(portal.heading).toHaveText("Acme Edge Gateway 500");
  });
});

test.describe("escrow records say one thing", () => {
  test("a transferred record offers no Delete and links its transfer; a pending one names it; history links to the import", async ({ page }) => {
    const portal = await Portal.signIn(page, "maker@acme.test");
    await portal.goto("/escrow-devices?q=acme-gw-0001", "Escrow devices");
    await page.getByRole("link", { name: "acme-gw-0001" }).click();
    await expect(portal.heading).toHaveText("acme-gw-0001");
    await expect(page.getByText(/Handed over to Globex Utilities by transfer [0-9a-f]{4}…/)).toBeVisible();
    await expect(page.getByRole("button", { name: /Delete|Rotate|Replace/ })).toHaveCount(0);
    // The timeline's reached steps are in the order they happened.
    const times = await page.getByRole("list", { name: "Timeline" }).locator("time[datetime]").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
    expect(times.length).toBeGreaterThan(2);
    const distinct = times.filter((_t, i) => i % 2 === 0); // each step shows its time twice (absolute, relative)
    expect([...distinct].sort()).toEqual(distinct);
    await page.getByRole("link", { name: "see the imports in Activity" }).click();
    await expect(page.getByRole("list", { name: "Events" })).toContainText("maker@acme.test imported 25 escrow devices from a CSV file");

    await portal.goto("/escrow-devices?q=acme-gw-0005", "Escrow devices");
    await page.getByRole("link", { name: "acme-gw-0005" }).click();
    await expect(page.getByText(/In transfer [0-9a-f]{4}… to Globex Utilities, waiting for their decision/)).toBeVisible();
    await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
    await page.getByRole("link", { name: /^transfer [0-9a-f]{4}…$/ }).click();
    await expect(page).toHaveURL(/\/transfers\/[0-9a-f]{24}$/);
  });

  test("a unique_id that is taken is reported on the Unique ID field", async ({ page }) => {
    const portal = await Portal.signIn(page, "maker@acme.test");
    await portal.goto("/escrow-devices", "Escrow devices");
    await page.getByRole("button", { name: "New escrow device" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Unique ID").fill("acme-gw-0002");
    await dialog.getByRole("button", { name: "Create escrow device" }).click();
    await expect(dialog.getByText('unique_id "acme-gw-0002" is already registered')).toBeVisible();
    await expect(dialog.getByRole("alert")).toHaveCount(0);
  });
});

test.describe("live pages", () => {
  test("a device's status and an escrow device's last check-in change on screen without a reload", async ({ page, request }) => {
    const portal = await Portal.signIn(page, "admin@globex.test");
    await portal.goto("/devices?q=acme-gw-0004", "Devices");
    const row = page.getByRole("row", { name: /acme-gw-0004/ });
    await expect(row.locator('[data-live="heartbeat_status"]')).toHaveAttribute("data-value", "never_reported");
    let reloaded = false;
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) reloaded = true;
    });

    // The gateway comes online: it checks in with its escrow token, gets its device token, heartbeats.
    const checkin = await request.post("/api/v1/gateway/escrow/checkin", { data: { unique_id: "acme-gw-0004", token: "acme-demo-token-0004" } });
    expect(checkin.status()).toBe(200);
    const { device_token } = await checkin.json();
    const beat = await request.post("/api/v1/gateway/heartbeat", { headers: { authorization: `Device ${device_token}` }, data: {} });
    expect(beat.status()).toBe(200);
    await expect(row.locator('[data-live="heartbeat_status"]')).toHaveAttribute("data-value", "online", { timeout: 25_000 });
    await expect(row.getByText("Online")).toBeVisible();
    expect(reloaded).toBe(false);

    // The manufacturer's list: an escrowed gateway checks in, its row says so.
    await portal.signOut();
    await Portal.signIn(page, "maker@acme.test");
    await portal.goto("/escrow-devices?q=acme-gw-0012", "Escrow devices");
    const escrowRow = page.getByRole("row", { name: /acme-gw-0012/ });
    await expect(escrowRow.locator('[data-live="last_checkin_at"]')).toHaveText("Never");
    reloaded = false;
    const wait = await request.post("/api/v1/gateway/escrow/checkin", { data: { unique_id: "acme-gw-0012", token: "acme-demo-token-0012" } });
    expect(wait.status()).toBe(200);
    expect((await wait.json()).mode).toBe("escrow");
    await expect(escrowRow.locator('[data-live="last_checkin_at"]')).toHaveText("just now", { timeout: 25_000 });
    expect(reloaded).toBe(false);
  });
});
