// `npm run bench:memory [-- --runs N]`: the idle memory of the embedded default as `npm start` runs
// it — the server process's RSS 10 s after the first page, on a first start (empty data directory:
// the database is created and the demo seeded) and on a restart (same directory) — against a bare
// `next start` on the same build and data directory, measured in the same run. Demo fleet off.
// Uses the production build in .next (`npm start` builds it when the sources changed).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;
const SETTLE_MS = 10_000;

function freePort(): string {
  return execFileSync(process.execPath, ["scripts/free-port.mjs"], { encoding: "utf8" }).trim();
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** The pid of the process serving HTTP: the launcher's child for `npm start`, itself for `next start`. */
function serverPid(root: ChildProcess, kind: "npm start" | "next start"): number {
  if (kind === "next start") return root.pid!;
  const kids = execFileSync("pgrep", ["-P", String(root.pid)], { encoding: "utf8" }).trim().split("\n").map(Number);
  const server = kids.find((k) => readFileSync(`/proc/${k}/cmdline`, "utf8").includes("handoff-server.mjs"));
  if (!server) throw new Error("npm start: no server process found");
  return server;
}

async function measure(kind: "npm start" | "next start", dataDir: string): Promise<{ server: number; launcher: number | null }> {
  const port = freePort();
  const env = { ...process.env, PORT: port, HANDOFF_DATA_DIR: dataDir, HANDOFF_DEMO_FLEET: "off", NODE_ENV: "production", AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  const args = kind === "npm start" ? ["scripts/start.mjs"] : ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"];
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise((r) => child.on("exit", r));
  try {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const r = await fetch(`http://127.0.0.1:${port}/sign-in`).catch(() => null);
      if (r?.status === 200) {
        await r.text();
        break;
      }
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${kind} did not come up:\n${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const pid = serverPid(child, kind);
    return { server: rssMb(pid), launcher: pid === child.pid ? null : rssMb(child.pid!) };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const rows: Record<string, number[]> = { "npm start, first start": [], "npm start, restart": [], "next start, restart": [] };
  const launcher: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), "handoff-bench-memory-"));
    try {
      const first = await measure("npm start", dir);
      rows["npm start, first start"].push(first.server);
      if (first.launcher) launcher.push(first.launcher);
      rows["npm start, restart"].push((await measure("npm start", dir)).server);
      rows["next start, restart"].push((await measure("next start", dir)).server);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`run ${i + 1}/${runs}: ${Object.entries(rows).map(([k, v]) => `${k} ${v.at(-1)} MB`).join(" · ")}`);
  }
  const ref = median(rows["next start, restart"]);
  console.log(`\nserver RSS ${SETTLE_MS / 1000} s after the first page (median of ${runs}; reference: a bare next start on the same build and data):`);
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(24)} ${String(median(v)).padStart(4)} MB  (${v.join(", ")})  ×${(median(v) / ref).toFixed(2)} of next start`);
  if (launcher.length) console.log(`  the npm start launcher (scripts/start.mjs) beside it: ${median(launcher)} MB`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
