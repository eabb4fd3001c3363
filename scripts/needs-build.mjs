// Whether the production build in `.next` is older than the sources: `npm start` rebuilds after a
// `git pull` or an edit. The build records a digest of every source file it was made from; a
// different digest now means the sources changed since (content, not mtimes, so a checkout that
// restores old files is caught too).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "db", "public"];
const SOURCE_FILES = ["next.config.js", "next.config.ts", "next.config.mjs", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "instrumentation.ts", "proxy.ts", "middleware.ts"];
const SKIP = /(\.test\.tsx?$|^\.|^node_modules$)/;

function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.test(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** A digest of the names and contents of every file the build reads. */
export function sourceDigest(root = process.cwd()) {
  const files = [];
  for (const d of SOURCE_DIRS) if (existsSync(path.join(root, d))) walk(path.join(root, d), files);
  for (const f of SOURCE_FILES) if (existsSync(path.join(root, f))) files.push(path.join(root, f));
  const h = createHash("sha256");
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update("\0");
    h.update(readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex");
}

const stampFile = (distDir) => path.join(distDir, "handoff-sources.sha256");

/** Why a build is needed (a sentence), or null when `distDir` was built from these sources. */
export function needsBuild({ root = process.cwd(), distDir = path.join(root, ".next") } = {}) {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) return "no build yet";
  const stamp = stampFile(distDir);
  if (!existsSync(stamp)) {
    // A build made before stamps existed: trust it unless a source is newer than it.
    const built = statSync(path.join(distDir, "BUILD_ID")).mtimeMs;
    return newestSourceMtime(root) > built ? "the sources changed since the last build" : null;
  }
  return readFileSync(stamp, "utf8").trim() === sourceDigest(root) ? null : "the sources changed since the last build";
}

/**
 * Call after a successful build, with the digest taken before it started: a file edited while
 * the build ran then still counts as changed next time.
 */
export function recordBuild({ root = process.cwd(), distDir = path.join(root, ".next"), digest = sourceDigest(root) } = {}) {
  writeFileSync(stampFile(distDir), `${digest}\n`);
}

function newestSourceMtime(root) {
  const files = [];
  for (const d of SOURCE_DIRS) if (existsSync(path.join(root, d))) walk(path.join(root, d), files);
  for (const f of SOURCE_FILES) if (existsSync(path.join(root, f))) files.push(path.join(root, f));
  return Math.max(0, ...files.map((f) => statSync(f).mtimeMs));
}
