import { count, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { escrowDevices } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { testDatabase } from "@/lib/test/db";
import { makeTeam } from "@/lib/test/factories";
import { bulkCreateEscrowDevices } from "./bulk";
import { createEscrowDevice } from "./create";

let database: Database;
let a: Awaited<ReturnType<typeof makeTeam>>;
let b: Awaited<ReturnType<typeof makeTeam>>;

beforeAll(async () => {
  database = await testDatabase({ max: 30 });
  a = await makeTeam(database.db, "A");
  b = await makeTeam(database.db, "B");
});

describe("concurrent registration of the same unique_ids (PostgreSQL)", () => {
  it("exactly one bulk call wins; the other gets a 409 naming a unique_id, never a 500", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ unique_id: `race-${i}` }));
    const results = await Promise.allSettled([
      bulkCreateEscrowDevices(a.member, { escrow_devices: rows }),
      bulkCreateEscrowDevices(b.member, { escrow_devices: [...rows].reverse() }),
      bulkCreateEscrowDevices(a.admin, { escrow_devices: rows.slice(1000, 2000) }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect(["conflict", "invalid"]).toContain((f.reason as AppError).code);
      expect((f.reason as AppError).messages.join()).toMatch(/race-\d+/);
    }
    const [n] = await database.db.select({ n: count() }).from(escrowDevices).where(like(escrowDevices.uniqueId, "race-%"));
    const created = ok.reduce((s, r) => s + (r as PromiseFulfilledResult<{ created: number }>).value.created, 0);
    expect(n.n).toBe(created);
    expect([3000, 1000]).toContain(created);
  });

  it("ten concurrent single creates of one unique_id: one 201, nine 409", async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => createEscrowDevice(i % 2 ? a.member : b.member, { unique_id: "race-single" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("conflict");
  });
});
