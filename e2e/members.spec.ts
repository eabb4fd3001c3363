import { type Browser, expect, type Page, test } from "@playwright/test";
import { apiAs, DEMO_PASSWORD, freshAccount, signIn } from "./fixtures";

/** Screenshots at a laptop and a phone width, for looking at (test-results/ is not committed). */
async function shoot(page: Page, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await page.screenshot({ path: `test-results/members/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test.describe("sessions end when they should", () => {
  test("after sign-out the old cookie is refused: sign-in page for the portal, 401 for its JSON", async ({ browser, baseURL }) => {
    const owner = await freshAccount(baseURL!, "cookie");
    const page = await newPage(browser);
    await signIn(page, owner.email);
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);
    const before = await page.request.get("/api/portal/transfers/pending-count");
    expect(before.status()).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // Someone who copied the cookie before sign-out replays it.
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const replayPage = await replay.newPage();
    await replayPage.goto("/escrow-devices");
    await expect(replayPage).toHaveURL(/\/sign-in/);
    await expect(replayPage.getByRole("heading", { name: "Sign in to Handoff" })).toBeVisible();
    const fresh = await browser.newContext();
    await fresh.addCookies(cookies);
    const api = await fresh.request.get("/api/portal/transfers/pending-count");
    expect(api.status()).toBe(401);
  });

  test("Profile: change password keeps this browser, ends the others; sign out everywhere ends all", async ({ browser, baseURL }) => {
    const owner = await freshAccount(baseURL!, "profile");
    const a = await newPage(browser);
    const b = await newPage(browser);
    await signIn(a, owner.email);
    await signIn(b, owner.email);
    await a.getByRole("link", { name: new RegExp(owner.email) }).click();
    await expect(a.getByRole("heading", { name: "Profile" })).toBeVisible();
    await expect(a.getByTestId("profile-email")).toHaveText(owner.email);

    await a.getByLabel("Current password").fill("not-my-password");
    await a.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
    // A confirmation that does not match is said beside it, before anything is sent.
    await a.getByLabel("Confirm new password").fill("a-brand-new-passwort");
    await a.getByRole("button", { name: "Change password" }).click();
    await expect(a.getByText("does not match the new password")).toBeVisible();
    await a.getByLabel("Confirm new password").fill("a-brand-new-password");
    await a.getByRole("button", { name: "Change password" }).click();
    await expect(a.getByText("is not your current password")).toBeVisible();
    await a.getByLabel("Current password").fill(DEMO_PASSWORD);
    await a.getByRole("button", { name: "Change password" }).click();
    await expect(a.getByRole("status")).toContainText("Password changed. 3 other sessions were signed out.");
    await shoot(a, "profile");

    // (the other browser, and the two session tokens of sign-up and apiAs)
    // This browser stays signed in; the other one is sent to sign in; the API session token is gone.
    await a.goto("/escrow-devices");
    await expect(a.getByRole("navigation", { name: "Main" })).toBeVisible();
    await b.goto("/escrow-devices");
    await expect(b).toHaveURL(/\/sign-in/);
    expect((await owner.get("me")).status()).toBe(401);

    const c = await newPage(browser);
    await signIn(c, owner.email, "a-brand-new-password");
    await a.goto("/profile");
    await a.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(a).toHaveURL(/\/sign-in/);
    await c.goto("/escrow-devices");
    await expect(c).toHaveURL(/\/sign-in/);
  });
});

test.describe("members join by invitation", () => {
  test("an admin invites an existing user; the link shows once; the invitee accepts in the account switcher", async ({ browser, baseURL }) => {
    const owner = await freshAccount(baseURL!, "inviter");
    const invitee = await freshAccount(baseURL!, "invitee");
    const admin = await newPage(browser);
    await signIn(admin, owner.email);
    await admin.goto("/settings/members");
    await admin.getByRole("button", { name: "Invite member" }).click();
    await admin.getByLabel("Email").fill(invitee.email);
    await admin.getByLabel("Role", { exact: true }).selectOption("member");
    await shoot(admin, "members-invite-dialog");
    await admin.getByRole("button", { name: "Create invitation" }).click();
    const link = admin.getByTestId("invite-url");
    await expect(link).toHaveText(/\/invite\/hi_[A-Za-z0-9_-]{43}$/);
    await shoot(admin, "members-invite-link");
    await admin.getByRole("button", { name: "Done" }).click();
    // Nobody was added; the invitation is pending, and its link is not shown again.
    await expect(admin.getByRole("row", { name: new RegExp(invitee.email) })).toHaveCount(1);
    await expect(admin.getByRole("heading", { name: "Pending invitations (1)" })).toBeVisible();
    await expect(admin.getByText("/invite/")).toHaveCount(0);
    await shoot(admin, "members-pending");

    const page = await newPage(browser);
    await signIn(page, invitee.email);
    const invitations = page.getByRole("region", { name: "Invitations" });
    await expect(invitations).toContainText("Join inviter Co as member");
    await shoot(page, "switcher-invitation");
    // On a phone the switcher and its invitations are in the navigation drawer.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByRole("dialog").getByRole("region", { name: "Invitations" })).toContainText("Join inviter Co as member");
    await page.screenshot({ path: "test-results/members/switcher-invitation-drawer-390.png" });
    await page.getByRole("button", { name: "Close menu" }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await invitations.getByRole("button", { name: "Accept the invitation to inviter Co" }).click();
    await expect(page.getByRole("region", { name: "Invitations" })).toHaveCount(0);
    await expect(page.getByText("member in inviter Co")).toBeVisible();
    const switcher = page.getByRole("button", { name: /^Switch account: / });
    await expect(switcher).toHaveText("inviter Co");
    await switcher.click();
    await expect(page.getByRole("menuitemradio", { name: "invitee Co", exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await admin.reload();
    await expect(admin.getByRole("row", { name: new RegExp(invitee.email) })).toContainText("Member");
    await expect(admin.getByRole("heading", { name: /Pending invitations/ })).toHaveCount(0);
  });

  test("a new person opens the link, creates a login with the invited email, and joins; the link then reads as used", async ({ browser, baseURL }) => {
    const owner = await freshAccount(baseURL!, "host");
    const email = `newbie-${Date.now()}@e2e.test`;
    const sent = await owner.post("invitations", { email, company_id: owner.me.company_id, role: "viewer" });
    expect(sent.status()).toBe(201);
    const url = new URL((await sent.json()).invite_url);
    const page = await newPage(browser);
    await page.goto(url.pathname);
    await expect(page.getByRole("heading", { name: "Join host Co" })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Email")).not.toBeEditable();
    await shoot(page, "invite-sign-in");
    await page.getByRole("link", { name: "Create your login" }).click();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Email")).not.toBeEditable();
    await page.getByLabel("First name").fill("Nina");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create login and join" }).click();
    await expect(page.getByText("must be at least 10 characters")).toBeVisible();
    await shoot(page, "invite-sign-up");
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create login and join" }).click();
    await expect(page.getByText("viewer in host Co")).toBeVisible();

    const again = await newPage(browser);
    await again.goto(url.pathname);
    await expect(again.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
    await shoot(again, "invite-used");
    await again.goto("/invite/hi_this-is-not-a-real-invitation-token-at-all");
    await expect(again.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
    await shoot(again, "invite-invalid");
  });

  test("an existing user signs in from the link and accepts or declines; someone else is asked to switch; a revoked link says so", async ({ browser, baseURL }) => {
    const owner = await freshAccount(baseURL!, "team");
    const person = await freshAccount(baseURL!, "person");
    const stranger = await freshAccount(baseURL!, "stranger");
    const invite = async () => new URL((await (await owner.post("invitations", { email: person.email, company_id: owner.me.company_id, role: "admin" })).json()).invite_url).pathname;

    const first = await invite();
    const other = await newPage(browser);
    await signIn(other, stranger.email);
    await other.goto(first);
    await expect(other.getByText(`Only ${person.email} can accept this invitation.`)).toBeVisible();
    await shoot(other, "invite-other-user");

    const page = await newPage(browser);
    await page.goto(first);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Accept and join" })).toBeVisible();
    await shoot(page, "invite-signed-in");
    await page.getByRole("button", { name: "Decline" }).click();
    await expect(page.getByRole("heading", { name: "This invitation was declined" })).toBeVisible();
    await shoot(page, "invite-declined");
    const members = await apiAs(baseURL!, owner.email);
    expect(((await (await members.get(`users?company_id=${owner.me.company_id}`)).json()) as { email: string }[]).map((u) => u.email)).toEqual([owner.email]);

    const second = await invite();
    const third = await invite(); // replaces the second
    await page.goto(second);
    await expect(page.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
    await shoot(page, "invite-revoked");
    await page.goto(third);
    await page.getByRole("button", { name: "Accept and join" }).click();
    await expect(page.getByText("admin in team Co")).toBeVisible();
  });
});

test.describe("account switcher", () => {
  test("lists sub-accounts indented under their parent, works from the keyboard, and says which is a sub-account of which", async ({ page }) => {
    const portal = await signIn(page, "maker@acme.test");
    const switcher = portal.accountSwitcher;
    await expect(switcher).toHaveText("Acme Gateways");
    await switcher.focus();
    await page.keyboard.press("Enter");
    const items = page.getByRole("menuitemradio");
    await expect(items).toHaveText(["Acme Gateways", "Acme Gateways — EU Plant"]);
    await expect(items.first()).toHaveAttribute("aria-checked", "true");
    const [parentX, subX] = await Promise.all([0, 1].map(async (i) => (await items.nth(i).getByText(/Acme/).boundingBox())?.x ?? 0));
    expect(subX).toBeGreaterThan(parentX + 10);
    await page.screenshot({ path: "test-results/members/switcher-menu-1366.png" });
    await page.keyboard.press("ArrowDown");
    await expect(items.nth(1)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(switcher).toHaveText("Acme Gateways — EU Plant");
    await expect(page.getByTestId("account-parent")).toHaveText("Acme Gateways — EU Plant is a sub-account of Acme Gateways");
    await expect(page.getByText("admin in Acme Gateways — EU Plant")).toBeVisible();
    await page.screenshot({ path: "test-results/members/switcher-sub-account-1366.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByRole("dialog").getByTestId("account-parent")).toHaveText("Acme Gateways — EU Plant is a sub-account of Acme Gateways");
    await page.screenshot({ path: "test-results/members/switcher-sub-account-390.png" });
  });
});

test.describe("no account left", () => {
  test("someone removed from every account accepts a new invitation from the no-account page", async ({ browser, baseURL }) => {
    const owner = await freshAccount(baseURL!, "again");
    const email = `returning-${Date.now()}@e2e.test`;
    expect((await owner.post("users", { email, password: DEMO_PASSWORD, company_id: owner.me.company_id, role: "viewer" })).status()).toBe(201);
    const admin = await newPage(browser);
    await signIn(admin, owner.email);
    await admin.goto("/settings/members");
    await admin.getByRole("button", { name: `Remove ${email}` }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
    // (while the dialog is open the table is hidden from the accessibility tree: wait for it to close)
    await expect(admin.getByRole("dialog")).toHaveCount(0);
    await expect(admin.getByRole("heading", { name: "Members (1)" })).toBeVisible();
    await expect(admin.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);
    expect((await owner.post("invitations", { email, company_id: owner.me.company_id, role: "member" })).status()).toBe(201);

    const page = await newPage(browser);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/no-account/);
    await expect(page.getByRole("region", { name: "Invitations" })).toContainText("Join again Co as member");
    await shoot(page, "no-account-invitation");
    await page.getByRole("button", { name: "Accept the invitation to again Co" }).click();
    await expect(page.getByText("member in again Co")).toBeVisible();
  });
});
