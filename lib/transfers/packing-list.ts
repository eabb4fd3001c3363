import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { AppError, parseInput } from "@/lib/errors";
import { nameEach } from "./names";
import { packingListSchema } from "./schemas";
import { idsTable, textArray } from "./sql";

/**
 * A packing list's unique_ids → escrow device ids of the accounts the actor sees, in list order.
 * Unknown or invisible unique_ids are one 404 naming each (the two are indistinguishable).
 */
export async function escrowIdsForUniqueIds(db: Db, visible: string[], uniqueIds: string[]): Promise<string[]> {
  const rows = await queryRows<{ id: string; unique_id: string }>(
    db,
    sql`select d.id, d.unique_id from ${idsTable(uniqueIds)} join escrow_devices d on d.unique_id = w.id where d.account_id = any(${textArray(visible)})`,
  );
  const byUnique = new Map(rows.map((r) => [r.unique_id, r.id]));
  const unknown = uniqueIds.filter((u) => !byUnique.has(u));
  if (unknown.length) {
    throw new AppError("not_found", `${unknown.length === 1 ? "a unique_id was" : `${unknown.length.toLocaleString("en-US")} unique_ids were`} not found`, {
      messages: nameEach(unknown.map((u) => `escrow device with unique_id ${u} not found`)),
      extra: { unknown_unique_ids: unknown },
    });
  }
  return uniqueIds.map((u) => byUnique.get(u) as string);
}

const REASONS: Record<string, string> = {
  transfer_pending: "is already in a pending transfer request",
  transferred: "has already been transferred",
};

export interface PackingListReport {
  matched: { _id: string; unique_id: string; device_type_id: string | null }[];
  unknown: string[];
  not_transferable: { _id: string; unique_id: string; status: string; reason: string }[];
  duplicates: string[];
  /** How many matched escrow devices carry each device type (null: none set). */
  device_types: { device_type_id: string | null; count: number }[];
}

/**
 * What sending a packing list from `company_id` would do, without sending it: which unique_ids
 * match escrowed devices of that account, which are unknown, which are not transferable and why.
 */
export async function checkPackingList(ctx: Ctx, input: unknown): Promise<PackingListReport> {
  const body = parseInput(packingListSchema, input);
  requirePermission(ctx.actor, body.company_id, "account.read", "company");
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const wanted: string[] = [];
  for (const raw of body.unique_ids) {
    const u = raw.trim().toLowerCase();
    if (!u) continue;
    if (seen.has(u)) duplicates.add(u);
    else {
      seen.add(u);
      wanted.push(u);
    }
  }
  const rows = wanted.length
    ? await queryRows<{ id: string; unique_id: string; status: string; device_type_id: string | null }>(
        ctx.db,
        sql`select id, unique_id, status, device_type_id from escrow_devices where unique_id = any(${textArray(wanted)}) and account_id = ${body.company_id}`,
      )
    : [];
  const byUnique = new Map(rows.map((r) => [r.unique_id, r]));
  const report: PackingListReport = { matched: [], unknown: [], not_transferable: [], duplicates: [...duplicates], device_types: [] };
  const types = new Map<string | null, number>();
  for (const u of wanted) {
    const r = byUnique.get(u);
    if (!r) report.unknown.push(u);
    else if (r.status !== "escrowed") report.not_transferable.push({ _id: r.id, unique_id: u, status: r.status, reason: REASONS[r.status] ?? r.status });
    else {
      report.matched.push({ _id: r.id, unique_id: u, device_type_id: r.device_type_id });
      types.set(r.device_type_id, (types.get(r.device_type_id) ?? 0) + 1);
    }
  }
  report.device_types = [...types].map(([device_type_id, count]) => ({ device_type_id, count })).sort((a, b) => b.count - a.count);
  return report;
}
