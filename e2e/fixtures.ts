import { type Browser, expect, type Page, request as pwRequest } from "@playwright/test";
import { DEMO_PASSWORD, Portal } from "./pages";

export { DEMO_PASSWORD };

/** Signs in through the Portal page object (at any width) and returns it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<Portal> {
  return Portal.signIn(page, email, password);
}

/** A new browser context (its own cookies: another person at another desk), signed in as `email`. */
export async function pageAs(browser: Browser, email: string, opts: { width?: number } = {}): Promise<Page> {
  const ctx = await browser.newContext(opts.width ? { viewport: { width: opts.width, height: 900 } } : {});
  const page = await ctx.newPage();
  await Portal.signIn(page, email);
  return page;
}

/** A platform API client for setting up data over real HTTP (as a script would). */
export async function apiAs(baseURL: string, email: string, password = DEMO_PASSWORD) {
  const ctx = await pwRequest.newContext({ baseURL });
  const r = await ctx.post("/api/v1/platform/user/authenticate", { data: { email, password } });
  expect(r.status()).toBe(200);
  const me = await r.json();
  const headers = { authorization: me.session_token as string };
  return {
    me,
    token: me.session_token as string,
    get: (p: string) => ctx.get(`/api/v1/platform/${p}`, { headers }),
    post: (p: string, data?: unknown) => ctx.post(`/api/v1/platform/${p}`, { headers, data }),
    put: (p: string, data?: unknown) => ctx.put(`/api/v1/platform/${p}`, { headers, data }),
    delete: (p: string, data?: unknown) => ctx.delete(`/api/v1/platform/${p}`, { headers, data }),
    dispose: () => ctx.dispose(),
  };
}

/** A brand-new account and admin through the sign-up API: isolates a test from the demo data. */
export async function freshAccount(baseURL: string, label: string) {
  const ctx = await pwRequest.newContext({ baseURL });
  const email = `${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@e2e.test`;
  const r = await ctx.post("/api/v1/platform/user/signup", { data: { email, password: DEMO_PASSWORD, company_name: `${label} Co` } });
  expect(r.status()).toBe(201);
  await ctx.dispose();
  return { email, password: DEMO_PASSWORD, ...(await apiAs(baseURL, email)) };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/.artifacts/${name}.png`, fullPage: true });
}
