#!/usr/bin/env node
// Runs the reference gateway agent (lib/agent/cli.ts) through tsx: `npx handoff-agent --url …`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const tsxCli = require.resolve("tsx/cli", { paths: [root] });
const child = spawn(process.execPath, [tsxCli, path.join(root, "lib", "agent", "cli.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
