#!/usr/bin/env node
// `npm test`: the whole suite — Vitest against real databases (PGlite always; PostgreSQL too when
// TEST_DATABASE_URL or DATABASE_URL is set), then the production build and Playwright in Chromium.
// Ends with one summary line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const out = "test-results";
mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!env.TEST_DATABASE_URL && env.DATABASE_URL) env.TEST_DATABASE_URL = env.DATABASE_URL;

function run(cmd, args, extraEnv = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

/** Tests in the PostgreSQL-only files (`*.pg.test.ts`), counted from their source. */
function countPgOnlyTests(dir = "lib") {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += countPgOnlyTests(p);
    else if (e.name.endsWith(".pg.test.ts")) n += (readFileSync(p, "utf8").match(/^\s*(it|test)(\.each\([^)]*\))?\(/gm) ?? []).length;
  }
  return n;
}

let passed = 0;
let leftOut = null;
let failed = 0;
let skipped = 0;

rmSync(`${out}/vitest.json`, { force: true });
const unitCode = run("node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}/vitest.json`]);
if (existsSync(`${out}/vitest.json`)) {
  const v = JSON.parse(readFileSync(`${out}/vitest.json`, "utf8"));
  passed += v.numPassedTests;
  // Failed tests, plus files that failed without a failed test (they did not load, or an error
  // escaped a test): a file whose tests failed is not counted twice.
  const brokenFiles = (v.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")).length;
  failed += v.numFailedTests + brokenFiles;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // Without a PostgreSQL the second project (the same suite plus the concurrency files) never ran.
  if (!env.TEST_DATABASE_URL) leftOut = v.numTotalTests + countPgOnlyTests();
} else if (unitCode !== 0) failed += 1;

// Static checks count as one failure each when they fail.
if (run("node_modules/.bin/tsc", ["--noEmit", "-p", "."]) !== 0) failed += 1;
// `npm run lint`: the linter and the import order (the formatter is off).
if (run("node_modules/.bin/biome", ["check", "."]) !== 0) failed += 1;

const buildCode = run("node_modules/.bin/next", ["build"], { NEXT_DIST_DIR: ".next" });
if (buildCode !== 0) {
  failed += 1;
} else {
  rmSync(`${out}/playwright.json`, { force: true });
  const e2eCode = run("node_modules/.bin/playwright", ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`,
    NEXT_DIST_DIR: ".next",
  });
  if (existsSync(`${out}/playwright.json`)) {
    const p = JSON.parse(readFileSync(`${out}/playwright.json`, "utf8"));
    passed += p.stats.expected;
    failed += p.stats.unexpected + (p.stats.flaky ?? 0) + (p.errors?.length ?? 0);
    skipped += p.stats.skipped;
  } else if (e2eCode !== 0) failed += 1;
  if (e2eCode !== 0 && failed === 0) failed += 1;
}
if (unitCode !== 0 && failed === 0) failed += 1;

const pgNote = leftOut == null ? "" : ` (PostgreSQL left out: ${leftOut} tests did not run; set TEST_DATABASE_URL to run them)`;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}${pgNote}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
