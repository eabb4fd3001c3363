import { expect, type Page, type Request, test } from "@playwright/test";
import { freshAccount, signIn } from "./fixtures";

// The device type and device forms check in the browser with the server's own schemas, and the
// server still decides: a request that skipped the browser's checks gets its errors on the fields.

/** Counts the server actions the page sends from now on. */
function countActions(page: Page): () => number {
  let n = 0;
  page.on("request", (r: Request) => {
    if (r.method() === "POST" && r.headers()["next-action"]) n++;
  });
  return () => n;
}

/**
 * Rewrites the next server action's arguments on the wire (after the browser's checks passed),
 * as a client that never ran them would send.
 */
async function tamperNextAction(page: Page, change: (input: Record<string, unknown>) => void): Promise<void> {
  let done = false;
  await page.route("**/*", async (route) => {
    const r = route.request();
    if (done || r.method() !== "POST" || !r.headers()["next-action"]) return route.fallback();
    done = true;
    const args = JSON.parse(r.postData() ?? "") as unknown[];
    change(args[1] as Record<string, unknown>);
    await route.continue({ postData: JSON.stringify(args) });
  });
}

test("device type form: the browser lists every problem on its field without a round trip; the server still decides", async ({ page, baseURL }) => {
  const acct = await freshAccount(baseURL!, "forms-dtype");
  await signIn(page, acct.email);
  await page.goto("/device-types/new");
  const actions = countActions(page);
  const name = page.getByLabel("Name", { exact: true });
  const config = page.getByLabel("Config (JSON)");

  // Empty required fields and a config the server would refuse: all shown at once, nothing sent.
  await config.fill('{"heartbeat_period": "soon", "log_config": 1}');
  await page.getByRole("button", { name: "Create device type" }).click();
  await expect(page.getByText("name is required")).toBeVisible();
  await expect(page.getByText("manufacturer is required")).toBeVisible();
  await expect(page.getByText("model is required")).toBeVisible();
  // A nested problem reads once: "heartbeat_period must be …", not "heartbeat_period: heartbeat_period must be …".
  await expect(page.getByText("heartbeat_period must be a number of seconds", { exact: true })).toBeVisible();
  await expect(page.getByText("log_config must be a JSON object", { exact: true })).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();
  // No general box: every problem is beside its control.
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  expect(actions()).toBe(0);

  // Fixing a field clears its message as you type; the others stay.
  await name.fill("Edge 900");
  await expect(page.getByText("name is required")).toBeHidden();
  await expect(page.getByText("model is required")).toBeVisible();
  await page.getByLabel("Manufacturer").fill("Acme");
  await page.getByLabel("Model").fill("EG-900");
  await config.fill('{"heartbeat_period": 30}');
  await expect(page.getByText(/heartbeat_period must be|log_config must be/)).toHaveCount(0);
  expect(actions()).toBe(0);

  // A request that skipped those checks: the server refuses it, and its errors land on the fields.
  await tamperNextAction(page, (input) => {
    input.name = " ";
    input.config = { heartbeat_period: 0 };
  });
  await page.getByRole("button", { name: "Create device type" }).click();
  await expect(page.getByText("name is required")).toBeVisible();
  await expect(page.getByText("heartbeat_period must be at least 1 second", { exact: true })).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  expect(actions()).toBe(1);
  expect(await (await acct.get("device_types")).json()).toEqual([]);

  // The same values, untouched, are created.
  await page.getByRole("button", { name: "Create device type" }).click();
  await expect(page.getByRole("link", { name: "Edge 900" })).toBeVisible();
  expect(actions()).toBe(2);
  await acct.dispose();
});

test("device form: a period that is not a number stays in the browser; the server still decides; saved until edited", async ({ page }) => {
  await signIn(page, "admin@globex.test");
  await page.goto("/devices");
  await page.getByRole("link", { name: "Substation 1" }).click();
  const actions = countActions(page);
  const period = page.getByLabel("Heartbeat period (seconds)");
  const before = await period.inputValue();

  await page.getByLabel("Name", { exact: true }).fill("");
  await period.fill("every minute");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("name is required")).toBeVisible();
  await expect(page.getByText("heartbeat_period must be a number of seconds")).toBeVisible();
  await expect(period).toHaveAttribute("aria-invalid", "true");
  expect(actions()).toBe(0);

  await page.getByLabel("Name", { exact: true }).fill("Substation 1");
  await period.fill(before);
  await tamperNextAction(page, (input) => {
    input.heartbeat_period = 90_000;
    input.tags = ["x".repeat(65)];
  });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("heartbeat_period may be 86400 seconds (one day) at most")).toBeVisible();
  await expect(page.getByText("0: a tag may be 64 characters at most")).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  expect(actions()).toBe(1);

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved");
  await expect(page.getByText(/at most/)).toHaveCount(0);
  await page.getByLabel("Tags").fill("north");
  await expect(page.getByRole("status")).toHaveCount(0);
});
