import { expect, test } from "@playwright/test";
import { freshAccount, screenshot, signIn } from "./fixtures";

test("device types: create with JSON config, bad JSON says where, edit, delete", async ({ page, baseURL }) => {
  const acct = await freshAccount(baseURL!, "dtypes");
  await signIn(page, acct.email);
  await page.goto("/device-types");
  await expect(page.getByText("No device types yet")).toBeVisible();
  await page.getByRole("link", { name: "New device type" }).click();
  await page.getByLabel("Name").fill("Edge 900");
  await page.getByLabel("Manufacturer").fill("Acme");
  await page.getByLabel("Model").fill("EG-900");
  await page.getByLabel("Config (JSON)").fill('{"heartbeat_period": 30,\n "log_config": {"level": "info"},}');
  await page.getByRole("button", { name: "Create device type" }).click();
  await expect(page.getByText(/Config is not valid JSON: line 2/)).toBeVisible();
  await page.getByLabel("Config (JSON)").fill('{"heartbeat_period": 0}');
  await page.getByRole("button", { name: "Create device type" }).click();
  await expect(page.getByText(/heartbeat_period must be at least 1/)).toBeVisible();
  await page.getByLabel("Config (JSON)").fill('{"heartbeat_period": 30, "log_config": {"level": "info"}}');
  await page.getByLabel("Capabilities (JSON)").fill('{"lte": true}');
  await page.getByRole("button", { name: "Create device type" }).click();
  await expect(page.getByRole("link", { name: "Edge 900" })).toBeVisible();
  await expect(page.getByText("every 30 s")).toBeVisible();
  await screenshot(page, "device-types-list");

  await page.getByRole("link", { name: "Edge 900" }).click();
  await page.getByLabel("Name").fill("Edge 901");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved");
  await page.getByRole("button", { name: "Delete device type" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No device types yet")).toBeVisible();
  await acct.dispose();
});
