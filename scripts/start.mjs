#!/usr/bin/env node
// `npm start`: build once if needed, then serve the portal (embedded PGlite unless DATABASE_URL)
// through scripts/server.ts: the gateway fast path and Next's request handler on one port.
import { spawnSync, spawn } from "node:child_process";
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
const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], { stdio: "inherit", env: { ...env, NODE_ENV: "production", PORT: port } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
startDemoFleet({ port, server: child, env });
