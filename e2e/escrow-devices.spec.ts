import { expect, test } from "@playwright/test";
import { freshAccount, screenshot, signIn } from "./fixtures";

test.describe("escrow devices", () => {
  test("create with a generated token, import a CSV with bad rows, filter, search, delete", async ({ page, baseURL }) => {
    const acct = await freshAccount(baseURL!, "escrow");
    await signIn(page, acct.email);
    await page.goto("/escrow-devices");
    await expect(page.getByText("No escrow devices yet")).toBeVisible();
    await screenshot(page, "escrow-empty");

    // Create one with a generated token: shown once, gone after closing.
    await page.getByRole("button", { name: "New escrow device" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Unique ID").fill("e2e-gw-0001");
    await dialog.getByRole("button", { name: "Create escrow device" }).click();
    await expect(dialog.getByText("It will not be shown again")).toBeVisible();
    const token = (await dialog.getByTestId("new-token").textContent())?.trim() ?? "";
    expect(token.length).toBeGreaterThanOrEqual(16);
    await expect(dialog.getByRole("button", { name: "Copy" })).toBeVisible();
    await screenshot(page, "escrow-create-token");
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "e2e-gw-0001" })).toBeVisible();
    await expect(page.getByText(token)).toHaveCount(0);
    await page.reload();
    await expect(page.getByText(token)).toHaveCount(0);

    // A bad unique_id explains the rule.
    await page.getByRole("button", { name: "New escrow device" }).click();
    await page.getByRole("dialog").getByLabel("Unique ID").fill("Bad ID");
    await page.getByRole("dialog").getByRole("button", { name: "Create escrow device" }).click();
    await expect(page.getByRole("dialog").getByText(/lower-case letters/).first()).toBeVisible();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

    // Import a CSV: 300 good rows and 3 bad ones.
    const lines = ["unique_id,token"];
    for (let i = 1; i <= 300; i++) lines.push(i % 3 ? `e2e-imp-${String(i).padStart(4, "0")},token-e2e-${String(i).padStart(8, "0")}` : `e2e-imp-${String(i).padStart(4, "0")},`);
    lines.push("BAD-ID,token-e2e-bad-00001", "e2e-imp-0001,token-e2e-dup-00001", "e2e-weak-1,short");
    await page.getByRole("button", { name: "Import CSV" }).click();
    const imp = page.getByRole("dialog");
    await imp.getByLabel("CSV file").setInputFiles({ name: "import.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await imp.getByRole("button", { name: "Check file" }).click();
    const report = imp.getByRole("table", { name: "Rows with problems" });
    await expect(report).toBeVisible();
    await expect(report.getByRole("row")).toHaveCount(4);
    await expect(report).toContainText("302");
    await expect(report).toContainText("BAD-ID");
    await expect(report).toContainText(/more than once/);
    await expect(report).toContainText(/too short/);
    await screenshot(page, "escrow-import-report");
    await imp.getByRole("button", { name: "Import 300 valid rows" }).click();
    await expect(imp.getByText("Imported 300 escrow devices; 3 rows with problems were left out.")).toBeVisible();
    await expect(imp.getByText("Rows imported: 2–301")).toBeVisible();
    const download = page.waitForEvent("download");
    await imp.getByRole("button", { name: "Download generated tokens" }).click();
    expect((await download).suggestedFilename()).toBe("escrow-tokens.csv");
    await imp.getByRole("button", { name: "Done" }).click();

    // The table, search and status filter.
    await expect(page.getByText(/of\s*301/)).toBeVisible();
    await screenshot(page, "escrow-table");
    await page.getByLabel("Search unique ID").fill("e2e-imp-001");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("link", { name: /^e2e-imp-001\d$/ })).toHaveCount(10);
    await page.getByLabel("Search unique ID").fill("");
    await page.getByLabel("Status").selectOption("transferred");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("No escrow devices match")).toBeVisible();
    await page.getByLabel("Status").selectOption("escrowed");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText(/of\s*301/)).toBeVisible();

    // Select two and delete them.
    await page.goto("/escrow-devices?q=e2e-imp-029");
    await page.getByLabel("Select all on this page").check();
    await expect(page.getByText("10 selected")).toBeVisible();
    await page.getByRole("button", { name: "Delete selected" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("No escrow devices match")).toBeVisible();
    const left = await acct.get("escrow_devices?page_meta=true");
    expect((await left.json()).total).toBe(291);

    // Detail with the timeline.
    await page.goto("/escrow-devices?q=e2e-gw-0001");
    await page.getByRole("link", { name: "e2e-gw-0001" }).click();
    await expect(page.getByRole("list", { name: "Timeline" })).toBeVisible();
    await expect(page.getByText("Upcoming").first()).toBeVisible();
    await screenshot(page, "escrow-detail-timeline");
    await acct.dispose();
  });

  test("devices list and demo escrow detail", async ({ page }) => {
    await signIn(page, "admin@globex.test");
    await page.goto("/devices");
    await expect(page.getByRole("columnheader", { name: "Last heartbeat" })).toBeVisible();
    // The demo's heartbeats are minutes old by now unless a demo fleet runs: online or offline, never blank.
    await expect(page.getByRole("table").getByText(/^(Online|Offline)$/).first()).toBeVisible();
    await screenshot(page, "devices-list");
    await page.getByRole("link", { name: "Substation 1" }).click();
    await page.getByLabel("Tags").fill("substation, south, e2e");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved");
  });
});
