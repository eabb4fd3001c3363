import { expect, type Page, test } from "@playwright/test";
import { MAIN_PAGES, Portal } from "./pages";

// Every main page and dialog at a laptop and a phone width, saved for people to look at.
const WIDTHS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
] as const;

async function shot(page: Page, name: string): Promise<void> {
  const w = page.viewportSize()?.width;
  await page.screenshot({ path: `test-results/screenshots/${w}/${name}.png`, fullPage: true });
}

async function dialog(page: Page, open: string, name: string): Promise<void> {
  await page.getByRole("button", { name: open }).first().click();
  const d = page.getByRole("dialog");
  await expect(d).toBeVisible();
  const box = await d.boundingBox();
  const vw = page.viewportSize()?.width ?? 0;
  // A dialog fits the window.
  expect(box && box.x >= 0 && box.x + box.width <= vw).toBe(true);
  await shot(page, `dialog-${name}`);
  await page.keyboard.press("Escape");
  await expect(d).toBeHidden();
}

for (const viewport of WIDTHS) {
  test.describe(`screenshots at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("signed out", async ({ page }) => {
      await page.goto("/sign-in");
      await shot(page, "sign-in");
      await page.goto("/sign-up");
      await shot(page, "sign-up");
      await page.goto("/no-such-page");
      await shot(page, "not-found");
    });

    test("a manufacturer's pages and dialogs", async ({ page }) => {
      const portal = await Portal.signIn(page, "maker@acme.test");
      for (const p of MAIN_PAGES) {
        await portal.goto(p.path, p.heading);
        await shot(page, `maker-${p.name}`);
      }
      if (viewport.width < 1024) {
        await portal.menuButton.click();
        await expect(portal.nav).toBeVisible();
        await shot(page, "maker-menu");
        await page.keyboard.press("Escape");
      }
      await portal.goto("/escrow-devices", "Escrow devices");
      await dialog(page, "New escrow device", "new-escrow-device");
      await dialog(page, "Import CSV", "import-csv");
      await page.getByLabel("Select acme-gw-0025").check();
      await dialog(page, "Transfer…", "transfer");
      await dialog(page, "Packing list…", "packing-list");
      await page.getByRole("link", { name: "acme-gw-0025" }).click();
      await expect(portal.heading).toHaveText("acme-gw-0025");
      await shot(page, "maker-escrow-device");
      await dialog(page, "Rotate token", "rotate-token");
      await portal.goto("/escrow-devices?q=acme-gw-0001", "Escrow devices");
      await page.getByRole("link", { name: "acme-gw-0001" }).click();
      await expect(portal.heading).toHaveText("acme-gw-0001");
      await shot(page, "maker-escrow-device-transferred");
      await portal.goto("/transfers?tab=outgoing", "Transfers");
      await page.getByRole("link", { name: /Globex Utilities/ }).first().click();
      await expect(portal.heading).toBeVisible();
      await shot(page, "maker-transfer");
      await portal.goto("/transfers?tab=outgoing&status=pending", "Transfers");
      await page.getByRole("link", { name: /Globex Utilities/ }).first().click();
      await dialog(page, "Cancel request", "cancel-transfer");
      await portal.goto("/device-types", "Device types");
      await page.getByRole("link", { name: "Acme Edge Gateway 500" }).click();
      await shot(page, "maker-device-type");
      await portal.goto("/settings/api-tokens", "Settings");
      await dialog(page, "Create token", "create-api-token");
      await portal.goto("/settings/sub-accounts", "Settings");
      await dialog(page, "New sub-account", "new-sub-account");
      await portal.goto("/settings/members", "Settings");
      await dialog(page, "Invite member", "invite-member");
      await page.goto("/devices/000000000000000000000000");
      await shot(page, "maker-not-found");
    });

    test("a customer's pages and dialogs", async ({ page }) => {
      const portal = await Portal.signIn(page, "admin@globex.test");
      for (const p of MAIN_PAGES) {
        await portal.goto(p.path, p.heading);
        await shot(page, `customer-${p.name}`);
      }
      await portal.goto("/transfers", "Transfers");
      await page.getByRole("link", { name: "Review" }).first().click();
      await expect(page.getByRole("button", { name: "Review and accept…" })).toBeVisible();
      await shot(page, "customer-transfer-pending");
      await dialog(page, "Review and accept…", "accept");
      await portal.goto("/devices", "Devices");
      await page.getByRole("link", { name: "Substation 1" }).click();
      await expect(portal.heading).toHaveText("Substation 1");
      await shot(page, "customer-device");
    });

    test("a viewer's pages", async ({ page }) => {
      const portal = await Portal.signIn(page, "viewer@acme.test");
      for (const p of MAIN_PAGES.filter((m) => m.name.startsWith("settings") || m.name === "escrow-devices")) {
        await portal.goto(p.path, p.heading);
        await shot(page, `viewer-${p.name}`);
      }
    });
  });
}
