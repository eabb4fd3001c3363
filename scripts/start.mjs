#!/usr/bin/env node
// `npm start`: build once if needed, then serve the portal (embedded PGlite unless DATABASE_URL)
// through scripts/server.ts (compiled): the gateway fast path and Next's request handler on one port.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildServer } from "./build-server.mjs";
import { startDemoFleet } from "./demo-fleet.mjs";
import { needsBuild, recordBuild, sourceDigest } from "./needs-build.mjs";

const port = process.env.PORT || "3000";
const env = { ...process.env, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => `node_modules/.bin/${name}`;

const why = process.argv.includes("--rebuild") ? "asked to" : needsBuild();
if (why) {
  console.log(`handoff: building the portal (${why})…`);
  const digest = sourceDigest();
  const r = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
  recordBuild({ digest });
}
const server = await buildServer();

// A new embedded database is created and seeded by a short-lived process before the server opens
// it: PGlite's WebAssembly memory grows with the initdb and the demo's inserts and never shrinks,
// so a server that did both itself would idle ~100 MB above one that opens an existing directory.
const pgliteDir = path.join(path.resolve(env.HANDOFF_DATA_DIR || ".data"), "pglite");
if (!env.DATABASE_URL && env.HANDOFF_SEED !== "off" && !existsSync(path.join(pgliteDir, "PG_VERSION"))) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], { stdio: ["ignore", "ignore", "inherit"], env });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log("handoff: seeded the demo data (sign in as maker@acme.test / handoff-demo-password)");
}

const child = spawn(process.execPath, [server], { stdio: "inherit", env: { ...env, NODE_ENV: "production", PORT: port } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
startDemoFleet({ port, server: child, env });
