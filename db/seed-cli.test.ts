import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm run db:seed` as a user runs it: a real process on a fresh embedded database.
describe("npm run db:seed", () => {
  it("seeds an empty database once, and refuses a second time without --force", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "handoff-seed-"));
    const env = { ...process.env, HANDOFF_DATA_DIR: dir, DATABASE_URL: "" };
    try {
      const first = spawnSync("node_modules/.bin/tsx", ["scripts/db-seed.ts"], { env, encoding: "utf8", timeout: 60_000 });
      expect(first.stderr).toBe("");
      expect(first.stdout).toContain("db:seed: demo data written (pglite)");
      expect(first.status).toBe(0);
      const second = spawnSync("node_modules/.bin/tsx", ["scripts/db-seed.ts"], { env, encoding: "utf8", timeout: 60_000 });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain("already has accounts");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it("names a bad setting before it opens the database (what npm start runs on a first start)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "handoff-seed-"));
    try {
      const env = { ...process.env, HANDOFF_DATA_DIR: dir, DATABASE_URL: "", HANDOFF_PGLITE_SHARED_BUFFERS: "lots" };
      const r = spawnSync("node_modules/.bin/tsx", ["scripts/db-seed.ts"], { env, encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("HANDOFF_PGLITE_SHARED_BUFFERS: must be a size such as 32MB");
      expect(existsSync(path.join(dir, "pglite"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
