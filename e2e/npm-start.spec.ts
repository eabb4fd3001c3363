import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./pages";

// `npm start` as a newcomer runs it, in a copy of this checkout: the first start builds, creates
// and seeds the embedded database, and serves; after a source file changes, the next start
// rebuilds and serves the change. Real processes, real HTTP, and the browser for the demo sign-in.
const ROOT = process.cwd();
const COPY = path.join(ROOT, "test-results", `npm-start-${process.pid}`);
const SOURCES = ["app", "components", "lib", "db", "public", "scripts", "package.json", "package-lock.json", "tsconfig.json", "next.config.js", "postcss.config.mjs", "instrumentation.ts", "proxy.ts"];

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  rmSync(COPY, { recursive: true, force: true });
  mkdirSync(COPY, { recursive: true });
  for (const s of SOURCES) cpSync(path.join(ROOT, s), path.join(COPY, s), { recursive: true });
  // Hard links: a full copy of the dependencies in a second or two (same filesystem as the checkout).
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(COPY, "node_modules")]);
});
test.afterAll(() => rmSync(COPY, { recursive: true, force: true }));

function freePort(): number {
  return Number(execFileSync(process.execPath, [path.join(ROOT, "scripts", "free-port.mjs")], { encoding: "utf8" }).trim());
}

interface Started {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function npmStart(): Promise<Started> {
  const port = freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HANDOFF_DEMO_FLEET: "off", HANDOFF_DATA_DIR: path.join(COPY, ".data") };
  for (const k of ["DATABASE_URL", "NEXT_DIST_DIR", "NODE_ENV", "AUTH_SECRET"]) delete env[k];
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: COPY,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => {
    out += d;
  });
  child.stderr!.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 420_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out.slice(-3000)}`);
    const r = await fetch(`${url}/api/ready`).catch(() => null);
    if (r?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not become ready:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, output: () => out, stop };
}

test("npm start builds and seeds on first start, and after a source file changes serves the change", async ({ page }) => {
  test.setTimeout(900_000);
  const first = await npmStart();
  try {
    expect(first.output()).toContain("building the portal (no build yet)");
    expect(first.output()).toContain("seeded the demo data");
    const health = await fetch(`${first.url}/api/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    // The demo is there: its maker signs in and lands on the dashboard.
    await page.goto(`${first.url}/sign-in`);
    await page.getByLabel("Email").fill("maker@acme.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  } finally {
    await first.stop();
  }

  // A `git pull` or an edit: one source file changes.
  const file = path.join(COPY, "app", "api", "health", "route.ts");
  const marker = `changed-${Date.now().toString(36)}`;
  const before = readFileSync(file, "utf8");
  writeFileSync(file, before.replace('json({ status: "ok" })', `json({ status: "ok", build: "${marker}" })`));
  expect(readFileSync(file, "utf8")).toContain(marker);

  const second = await npmStart();
  try {
    expect(second.output()).toContain("building the portal (the sources changed since the last build)");
    expect(second.output()).not.toContain("seeded the demo data");
    const health = await fetch(`${second.url}/api/health`);
    expect(await health.json()).toEqual({ status: "ok", build: marker });
  } finally {
    await second.stop();
  }

  // Unchanged sources: no build, straight to serving.
  const third = await npmStart();
  try {
    expect(third.output()).not.toContain("building the portal");
    expect(await (await fetch(`${third.url}/api/health`)).json()).toEqual({ status: "ok", build: marker });
  } finally {
    await third.stop();
  }
});
