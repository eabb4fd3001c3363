// `npm run bench [escrow|transfers|checkin …]`: runs the benchmark scripts one after another
// (default: all of them), each in its own process, and prints their figures.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const ALL = ["escrow", "transfers", "checkin", "webhooks", "memory"];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length ? wanted : ALL;
let failed = 0;
for (const name of names) {
  const file = `bench/${name}.ts`;
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (known: ${ALL.join(", ")})`);
    failed++;
    continue;
  }
  console.log(`\n=== bench:${name} ===`);
  const r = spawnSync("node_modules/.bin/tsx", [file], { stdio: "inherit", env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
