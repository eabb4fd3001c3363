import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { freshAccount, signIn } from "./fixtures";

async function receiver(): Promise<{ url: string; types: string[]; server: Server }> {
  const types: string[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      types.push(JSON.parse(body).type);
      n += 1;
      // The very first delivery fails, so the log has a failed attempt to show.
      res.writeHead(n === 1 ? 500 : 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, types, server };
}

async function shoot(page: Page, name: string, fullPage = true) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test("Settings → Webhooks: add an endpoint, secret shown once, Send test, the delivery log, Resend, a transfer event", async ({ page, baseURL }) => {
  const rx = await receiver();
  const customer = await freshAccount(baseURL!, "hooks");
  await signIn(page, customer.email);
  await page.goto("/settings/webhooks");
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();

  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByLabel("Endpoint URL").fill(rx.url);
  await page.getByLabel("Description").fill("ERP integration");
  await shoot(page, "webhooks-add-dialog");
  await page.getByRole("button", { name: "Add endpoint" }).last().click();
  const secret = page.getByTestId("webhook-secret");
  await expect(secret).toHaveText(/^whsec_/);
  await shoot(page, "webhooks-secret-dialog");
  await page.getByRole("button", { name: "Done" }).click();

  const endpoint = page.getByRole("region", { name: `Webhook ${rx.url}` });
  await expect(endpoint.getByText("All events")).toBeVisible();
  await endpoint.getByRole("button", { name: "Send test" }).click();
  await expect(endpoint.getByRole("status")).toHaveText("Answered 500: will retry");
  await page.reload();
  await endpoint.getByRole("button", { name: "Resend" }).click();
  await expect(endpoint.getByRole("status")).toHaveText("Delivered (200)");
  await page.reload();
  const attempts = endpoint.getByRole("list", { name: "Attempts" }).first();
  await expect(attempts.getByRole("listitem")).toHaveCount(2);
  await expect(attempts).toContainText("500");
  await expect(attempts).toContainText("200");

  // A transfer from another account reaches this endpoint through the server's delivery worker.
  const maker = await freshAccount(baseURL!, "hooks-maker");
  const type = await (await maker.post("device_types", { name: "Hook GW", manufacturer: "Acme", model: "H1", type: "gateway" })).json();
  const escrow = await (await maker.post("escrow_devices", { unique_id: `hook-${Date.now().toString(36)}` })).json();
  const t = await maker.post("device_transfer_requests", { to_company_id: customer.me.company_id, device_type_id: type._id, escrow_device_ids: [escrow._id] });
  expect(t.status()).toBe(201);
  await expect.poll(() => rx.types.includes("transfer.created"), { timeout: 20_000 }).toBe(true);
  await page.reload();
  await expect(endpoint.getByText("transfer.created", { exact: true })).toBeVisible();
  await shoot(page, "webhooks-page");
  rx.server.close();
});

test("/docs renders the API reference from /api/v1/openapi.json, linked from the portal", async ({ page, baseURL }) => {
  const user = await freshAccount(baseURL!, "docs");
  await signIn(page, user.email);
  await expect(page.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/docs");
  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "Handoff API" }).first()).toBeVisible({ timeout: 30_000 });
  await page.getByText("Webhook endpoints", { exact: true }).first().click();
  await expect(page.getByText("Add an endpoint (admins); the signing secret is in this answer only").first()).toBeVisible();
  await shoot(page, "docs", false);
});
