#!/usr/bin/env node
// The server the e2e suite drives: the production build on a fresh embedded database seeded with
// the demo. Builds first when there is no build in NEXT_DIST_DIR (or E2E_REBUILD=1).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { buildServer } from "./build-server.mjs";

const port = process.env.E2E_PORT || "3100";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const dataDir = path.resolve(`.data-e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  NODE_ENV: "production",
  HANDOFF_DATA_DIR: dataDir,
  AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  // The suite runs its webhook receivers on 127.0.0.1.
  HANDOFF_WEBHOOK_ALLOW_PRIVATE: "1",
};
delete env.DATABASE_URL;
if (!existsSync(path.join(distDir, "BUILD_ID")) || process.env.E2E_REBUILD === "1") {
  const r = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The server `npm start` runs (gateway fast path + Next, compiled), not `next start`.
const server = await buildServer(distDir);
const child = spawn(process.execPath, [server], { stdio: "inherit", env: { ...env, PORT: port, HOST: "127.0.0.1" } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
