import { expect, test } from "@playwright/test";
import { apiAs, DEMO_PASSWORD, freshAccount, screenshot, signIn } from "./fixtures";

test.describe("accounts and sign-in", () => {
  test("sign-up creates an account and its admin, and lands in the portal", async ({ page }) => {
    await page.goto("/sign-up");
    await screenshot(page, "sign-up");
    // Every problem is listed at once.
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("must be an email address")).toBeVisible();
    await expect(page.getByText("must be at least 10 characters")).toBeVisible();
    await expect(page.getByText("is required")).toBeVisible();

    const email = `founder-${Date.now()}@e2e.test`;
    await page.getByLabel("Company name").fill("Receiving Co");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a-good-long-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByText("admin in Receiving Co")).toBeVisible();
    await page.goto("/settings/members");
    await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Admin");
    // The account id a manufacturer needs to transfer devices here is on every settings page.
    await expect(page.getByTestId("account-id")).toHaveText(/^[0-9a-f]{24}$/);
    await screenshot(page, "settings-members");
  });

  test("the demo users sign in; a wrong password and an unknown email read the same", async ({ page }) => {
    await page.goto("/sign-in");
    await screenshot(page, "sign-in");
    await page.getByLabel("Email").fill("maker@acme.test");
    await page.getByLabel("Password").fill("wrong-password!");
    await page.getByRole("button", { name: "Sign in" }).click();
    const error = page.getByRole("alert").filter({ hasText: /\S/ });
    await expect(error).toHaveText("That email and password don't match an account.");
    await page.getByLabel("Email").fill("nobody@acme.test");
    await page.getByLabel("Password").fill("wrong-password!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(error).toHaveText("That email and password don't match an account.");
    await screenshot(page, "sign-in-error");

    for (const email of ["maker@acme.test", "viewer@acme.test", "admin@globex.test", "member@globex.test", "admin@initech.test"]) {
      await signIn(page, email);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/sign-in/);
    }
    // Signed out, the portal sends you to sign in.
    await page.goto("/settings/members");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a user in several accounts switches between them, and the choice sticks", async ({ page }) => {
    const portal = await signIn(page, "maker@acme.test");
    await expect(portal.accountSwitcher).toHaveText("Acme Gateways");
    await expect(page.getByText("admin in Acme Gateways", { exact: true })).toBeVisible();
    await portal.switchAccount("Acme Gateways — EU Plant");
    await expect(page.getByText("admin in Acme Gateways — EU Plant")).toBeVisible();
    await page.goto("/settings/sub-accounts");
    await expect(page.getByText("No sub-accounts")).toBeVisible();
    await page.reload();
    await expect(page.getByText("admin in Acme Gateways — EU Plant")).toBeVisible();
    await screenshot(page, "account-switched");
    await portal.switchAccount("Acme Gateways");
    await expect(page.getByRole("cell", { name: "Acme Gateways — EU Plant" })).toBeVisible();
  });
});

test.describe("roles are enforced on the server", () => {
  test("a viewer sees no admin buttons, and a stale page's admin action is refused by the server", async ({ browser, baseURL }) => {
    const owner = await freshAccount(baseURL!, "roles");
    const second = `second-${Date.now()}@e2e.test`;
    const invite = await owner.post("users", { email: second, password: DEMO_PASSWORD, company_id: owner.me.company_id, role: "admin" });
    expect(invite.status()).toBe(201);

    const ownerPage = await (await browser.newContext()).newPage();
    await signIn(ownerPage, owner.email);
    const secondPage = await (await browser.newContext()).newPage();
    await signIn(secondPage, second);
    await secondPage.goto("/settings/members");
    await expect(secondPage.getByRole("button", { name: "Invite member" })).toBeVisible();

    // The owner demotes the second admin to viewer while the second admin's page is open.
    await ownerPage.goto("/settings/members");
    await ownerPage.getByLabel(`Role of ${second}`).selectOption("viewer");
    await ownerPage.reload();
    await expect(ownerPage.getByLabel(`Role of ${second}`)).toHaveValue("viewer");

    // The stale button still shows; the server refuses the action.
    await secondPage.getByRole("button", { name: "Invite member" }).click();
    await secondPage.getByLabel("Email").fill(`third-${Date.now()}@e2e.test`);
    await secondPage.getByRole("button", { name: "Create invitation" }).click();
    await expect(secondPage.getByRole("alert").filter({ hasText: "your role does not allow this" })).toBeVisible();
    await screenshot(secondPage, "role-refused");
    await secondPage.reload();
    await expect(secondPage.getByRole("button", { name: "Invite member" })).toHaveCount(0);
    await expect(secondPage.getByText("Only admins can manage members.")).toBeVisible();

    // The API answers the same: 403 for the viewer.
    const viewerApi = await apiAs(baseURL!, second);
    const r = await viewerApi.post("users", { email: "x@e2e.test", password: DEMO_PASSWORD, company_id: owner.me.company_id, role: "admin" });
    expect(r.status()).toBe(403);

    // The last admin cannot be demoted.
    const ownerRow = ownerPage.getByLabel(`Role of ${owner.email}`);
    await ownerRow.selectOption("member");
    await expect(ownerPage.getByRole("alert").filter({ hasText: "at least one admin" })).toBeVisible();
    await expect(ownerRow).toHaveValue("admin");
  });
});

test.describe("API tokens", () => {
  test("create shows the token once, it works against the API, and revoke stops it", async ({ page, baseURL, request }) => {
    const owner = await freshAccount(baseURL!, "tokens");
    await signIn(page, owner.email);
    await page.goto("/settings/api-tokens");
    await expect(page.getByText("No API tokens yet")).toBeVisible();
    await screenshot(page, "api-tokens-empty");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByLabel("Token name").fill("factory import script");
    await page.getByRole("dialog").getByRole("button", { name: "Create token" }).click();
    const tokenEl = page.getByTestId("new-api-token");
    await expect(tokenEl).toBeVisible();
    const token = (await tokenEl.textContent())!.trim();
    expect(token).toMatch(/^hk_/);
    await screenshot(page, "api-token-created");

    const me = await request.get("/api/v1/platform/me", { headers: { authorization: token } });
    expect(me.status()).toBe(200);
    expect((await me.json()).email).toBe(owner.email);

    await page.getByRole("button", { name: "Done" }).click();
    const row = page.getByRole("row", { name: /factory import script/ });
    await expect(row).toContainText(`…${token.slice(-4)}`);
    // The token itself is never shown again.
    await expect(page.getByText(token)).toHaveCount(0);
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("button", { name: "Revoke token" }).click();
    await expect(row.getByText("Revoked")).toBeVisible();
    await screenshot(page, "api-tokens");
    const after = await request.get("/api/v1/platform/me", { headers: { authorization: `Bearer ${token}` } });
    expect(after.status()).toBe(401);

    await page.goto("/activity");
    const events = page.getByRole("list", { name: "Events" });
    await expect(events.getByRole("listitem").filter({ hasText: `${owner.email} revoked API token factory import script` })).toBeVisible();
    await expect(events.getByRole("listitem").filter({ hasText: `${owner.email} created API token factory import script` })).toBeVisible();
    await expect(events.getByRole("link", { name: "factory import script" }).first()).toHaveAttribute("href", "/settings/api-tokens");
    await screenshot(page, "activity");
  });
});
