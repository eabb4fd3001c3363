import { expect, request, test } from "@playwright/test";
import { freshAccount, signIn } from "./fixtures";

// A page on another site making the signed-in user's browser send state-changing requests to
// the portal: its Origin is foreign, the session cookie is real.
const EVIL = "https://evil.example";

test("the CSV import refuses a foreign Origin with 403 and creates nothing; same-origin works", async ({ page, baseURL }) => {
  const acct = await freshAccount(baseURL!, "csrf-import");
  await signIn(page, acct.email);
  const csv = "unique_id,token\ncsrf-gw-0001,csrf-token-00000000000001\n";
  const headers = { "content-type": "text/csv" };

  const crossSite: Record<string, string>[] = [{ origin: EVIL }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
  for (const extra of crossSite) {
    const r = await page.request.post("/escrow-devices/import?mode=import&expect=1", { headers: { ...headers, ...extra }, data: csv });
    expect(r.status(), JSON.stringify(extra)).toBe(403);
    expect(await r.json()).toMatchObject({ error: "cross-site request refused", messages: [expect.any(String)] });
  }
  expect(await (await acct.get("escrow_devices?unique_id=csrf-gw-0001")).json()).toEqual([]);

  // The same cookie from the portal's own origin imports.
  const ok = await page.request.post("/escrow-devices/import?mode=import&expect=1", { headers: { ...headers, origin: new URL(baseURL!).origin }, data: csv });
  expect(ok.status()).toBe(201);
  const rows = await (await acct.get("escrow_devices?unique_id=csrf-gw-0001")).json();
  expect(rows.map((r: { unique_id: string }) => r.unique_id)).toEqual(["csrf-gw-0001"]);

  // Without a session it is a 401 in JSON, not a redirect to the sign-in page.
  const anon = await request.newContext({ baseURL });
  const anonymous = await anon.post("/escrow-devices/import?mode=validate", { headers: { ...headers, origin: new URL(baseURL!).origin }, data: csv, maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  await anon.dispose();
  await acct.dispose();
});

test("a server action replayed with a foreign Origin is refused with 403 and does nothing", async ({ page, baseURL }) => {
  const acct = await freshAccount(baseURL!, "csrf-action");
  await signIn(page, acct.email);
  await page.goto("/device-types/new");
  await page.getByLabel("Name").fill("Replayed type");
  await page.getByLabel("Manufacturer").fill("Acme");
  await page.getByLabel("Model").fill("EG-1");
  // Capture the browser's own server-action request, then replay it as another site would.
  const [action] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    page.getByRole("button", { name: "Create device type" }).click(),
  ]);
  await expect(page.getByRole("link", { name: "Replayed type" })).toBeVisible();
  const replayHeaders = { ...(await action.allHeaders()) };
  delete replayHeaders.cookie; // page.request sends the context's cookies itself
  delete replayHeaders["content-length"];
  const count = async () => ((await (await acct.get("device_types")).json()) as unknown[]).length;
  expect(await count()).toBe(1);

  const foreign = await page.request.fetch(action.url(), { method: "POST", headers: { ...replayHeaders, origin: EVIL }, data: action.postDataBuffer() ?? "" });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toMatchObject({ error: "cross-site request refused" });
  expect(await count()).toBe(1);

  // The very same request from the portal's origin is a valid action: it creates a second type.
  const same = await page.request.fetch(action.url(), { method: "POST", headers: { ...replayHeaders, origin: new URL(baseURL!).origin }, data: action.postDataBuffer() ?? "" });
  expect(same.status()).toBeLessThan(400);
  expect(await count()).toBe(2);
  await acct.dispose();
});
