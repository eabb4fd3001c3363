// The demo fleet: on the embedded demo, `npm start` also runs the reference agent's fleet mode as
// the demo's gateways acme-gw-0001…0007, so the transferred devices heartbeat (online) and the
// gateways of the pending request wait in escrow and come alive the moment it is accepted.
// HANDOFF_DEMO_FLEET=off turns it off. It never runs on PostgreSQL (the demo is not seeded there
// automatically) and stops with the server.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DEMO_FLEET_SIZE = 7;
/** Gateways 1–3 were activated before the demo starts: they hold demo-only device credentials. */
const ACTIVATED = 3;
const pad = (n) => String(n).padStart(4, "0");
// Same values as lib/demo/seed.ts (demoDeviceToken); demo data only.
const demoDeviceToken = (n) => `hd_demo-device-token-${pad(n)}`;

export function demoFleetWanted(env = process.env) {
  return !env.DATABASE_URL && env.HANDOFF_DEMO_FLEET !== "off" && env.HANDOFF_SEED !== "off";
}

/**
 * Waits until the server answers and the demo is there (its maker signs in with the demo
 * password); false when it never is (another database, HANDOFF_SEED=off, the server stopped).
 */
async function waitForDemo(base, signal, tries = 600) {
  for (let i = 0; i < tries && !signal.aborted; i++) {
    const r = await fetch(`${base}/api/v1/platform/user/authenticate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "maker@acme.test", password: "handoff-demo-password" }),
      signal,
    }).catch(() => null);
    if (r?.status === 200) return true;
    // The server answers but the demo's maker does not exist: not a demo database.
    if (r && r.status !== 503 && i > 30) return false;
    await new Promise((res) => setTimeout(res, 1000));
  }
  return false;
}

/** Starts the fleet once the server answers; stops it when `server` exits. */
export async function startDemoFleet({ port, url, server, env = process.env, root = process.cwd() }) {
  if (!demoFleetWanted(env)) return null;
  const base = url ?? `http://127.0.0.1:${port}`;
  const stop = new AbortController();
  server.on("exit", () => stop.abort());
  if (!(await waitForDemo(base, stop.signal))) return null;

  const dataDir = path.resolve(root, env.HANDOFF_DATA_DIR || ".data");
  const stateDir = path.join(dataDir, "demo-fleet");
  for (let n = 1; n <= ACTIVATED; n++) {
    const dir = path.join(stateDir, `acme-gw-${pad(n)}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, "device_token");
    if (!existsSync(file)) writeFileSync(file, `${demoDeviceToken(n)}\n`, { mode: 0o600 });
  }
  const log = path.join(dataDir, "demo-fleet.log");
  const out = openSync(log, "a");
  // The agent's CLI under tsx in this one process (the bin wrapper would add two more).
  const args = [
    "--import",
    "tsx",
    path.join(root, "lib", "agent", "cli.ts"),
    ["--url", base, "--fleet", String(DEMO_FLEET_SIZE), "--unique-id-prefix", "acme-gw-", "--token-prefix", "acme-demo-token-"],
    ["--state-dir", stateDir, "--wait", "30"],
  ].flat();
  const fleet = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", out, out], env: { ...env, NODE_ENV: "production" } });
  const kill = () => fleet.kill("SIGTERM");
  server.on("exit", kill);
  process.on("exit", kill);
  console.log(
    `handoff: demo fleet of ${DEMO_FLEET_SIZE} gateways (acme-gw-0001…${pad(DEMO_FLEET_SIZE)}) is heartbeating; log in ${path.relative(root, log)}. HANDOFF_DEMO_FLEET=off npm start runs without it.`,
  );
  return fleet;
}
