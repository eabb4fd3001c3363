import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { pgliteStartParams } from "./client";

// The embedded database opens with small shared buffers (its idle memory), on a real directory.
describe("embedded database start parameters", () => {
  it("uses 32MB of shared buffers unless HANDOFF_PGLITE_SHARED_BUFFERS says otherwise", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "handoff-pglite-"));
    try {
      for (const [env, expected] of [[{}, "32MB"], [{ HANDOFF_PGLITE_SHARED_BUFFERS: "8MB" }, "8MB"]] as const) {
        const db = await PGlite.create(dir, { startParams: pgliteStartParams(env) });
        const { rows } = await db.query<{ shared_buffers: string }>("show shared_buffers");
        expect(rows[0].shared_buffers).toBe(expected);
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("rejects a size PostgreSQL would not take, naming the variable", () => {
    for (const bad of ["lots", "32", "0MB", "32 MB", "-1MB"]) {
      expect(() => loadConfig({ NODE_ENV: "test", HANDOFF_PGLITE_SHARED_BUFFERS: bad })).toThrow(/HANDOFF_PGLITE_SHARED_BUFFERS: must be a size such as 32MB/);
    }
    expect(loadConfig({ NODE_ENV: "test", HANDOFF_PGLITE_SHARED_BUFFERS: "128MB" }).HANDOFF_PGLITE_SHARED_BUFFERS).toBe("128MB");
  });
});
