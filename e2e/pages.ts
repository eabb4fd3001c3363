import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "handoff-demo-password";

/** The main pages of the portal, by path and the heading each shows. */
export const MAIN_PAGES = [
  { path: "/", heading: "Overview", name: "overview" },
  { path: "/escrow-devices", heading: "Escrow devices", name: "escrow-devices" },
  { path: "/transfers", heading: "Transfers", name: "transfers" },
  { path: "/transfers?tab=outgoing", heading: "Transfers", name: "transfers-outgoing" },
  { path: "/devices", heading: "Devices", name: "devices" },
  { path: "/device-types", heading: "Device types", name: "device-types" },
  { path: "/device-types/new", heading: "New device type", name: "device-type-new" },
  { path: "/activity", heading: "Activity", name: "activity" },
  { path: "/settings/members", heading: "Settings", name: "settings-members" },
  { path: "/settings/api-tokens", heading: "Settings", name: "settings-api-tokens" },
  { path: "/settings/sub-accounts", heading: "Settings", name: "settings-sub-accounts" },
  { path: "/settings/trusted-senders", heading: "Settings", name: "settings-trusted-senders" },
  { path: "/settings/webhooks", heading: "Settings", name: "settings-webhooks" },
  { path: "/profile", heading: "Profile", name: "profile" },
] as const;

/** The signed-in portal at any width: navigation is the sidebar on wide screens, a drawer on phones. */
export class Portal {
  constructor(readonly page: Page) {}

  static async signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<Portal> {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    const portal = new Portal(page);
    await expect(portal.heading).toBeVisible();
    // Wide screens show the navigation; narrow ones the Menu button that opens it.
    await expect(async () => expect((await portal.nav.isVisible()) || (await portal.menuButton.isVisible())).toBe(true)).toPass();
    return portal;
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }
  get menuButton(): Locator {
    return this.page.getByRole("button", { name: "Menu" });
  }
  get nav(): Locator {
    return this.page.getByRole("navigation", { name: "Main" });
  }

  async goto(path: string, heading?: string): Promise<void> {
    await this.page.goto(path);
    await expect(this.heading).toHaveText(heading ?? /\S/);
  }

  /** The account switcher: a button naming the current account, opening a menu of all of them. */
  get accountSwitcher(): Locator {
    return this.page.getByRole("button", { name: /^Switch account: / });
  }

  /** Switches to the account named `name` through the switcher (in the drawer on narrow screens). */
  async switchAccount(name: string): Promise<void> {
    await this.openNav();
    await this.accountSwitcher.click();
    await this.page.getByRole("menuitemradio", { name, exact: true }).click();
    await expect(this.accountSwitcher).toHaveAccessibleName(`Switch account: ${name}`);
  }

  /** Opens the navigation drawer when the Menu button is there (narrow screens). */
  async openNav(): Promise<Locator> {
    if (!(await this.nav.isVisible()) && (await this.menuButton.isVisible())) await this.menuButton.click();
    await expect(this.nav).toBeVisible();
    return this.nav;
  }

  /** How far the document is wider than the window (0 when nothing scrolls sideways). */
  async sidewaysOverflow(): Promise<number> {
    return this.page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
  }

  /** Fails unless `locator` lies wholly inside the window's width (nothing to scroll sideways to reach it). */
  async expectInView(locator: Locator, what: string): Promise<void> {
    const box = await locator.boundingBox();
    const width = this.page.viewportSize()?.width ?? 0;
    expect(box, what).not.toBeNull();
    expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(width);
  }

  /** How far the widest table's scroll box is wider than what it shows (0 when no table scrolls sideways). */
  async tableOverflow(): Promise<number> {
    const overflows = await this.page.locator("table").evaluateAll((tables) => tables.map((t) => (t.parentElement ? t.parentElement.scrollWidth - t.parentElement.clientWidth : 0)));
    return Math.max(0, ...overflows);
  }

  async signOut(): Promise<void> {
    const nav = await this.openNav();
    await nav.page().getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}

/** Overview (`/`): the numbers, each a link to the list behind it. */
export class OverviewPage {
  constructor(readonly page: Page) {}
  stat(testId: string): Locator {
    return this.page.getByTestId(testId);
  }
  async count(testId: string): Promise<number> {
    const v = await this.stat(testId).locator("[data-count]").first().getAttribute("data-count");
    return Number(v);
  }
}

/** Any paginated list page: its total as the pagination reports it, or the rows shown. */
export class ListPage {
  constructor(readonly page: Page) {}
  rows(): Locator {
    return this.page.locator("table tbody tr");
  }
  /** The list's total: the pagination's "of N" when there is one, else the rows on the page. */
  async total(): Promise<number> {
    const summary = this.page.getByTestId("pagination-summary");
    if (await summary.count()) return Number((await summary.getAttribute("data-total")) ?? "NaN");
    if (await this.page.getByRole("table").count()) return this.rows().count();
    return 0;
  }
}
