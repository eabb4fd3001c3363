import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { escrowDevices } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { actorUserId } from "@/lib/auth/actor";
import { digest, randomToken, tokenHint } from "@/lib/auth/secrets";
import { conflict, uniqueViolation } from "@/lib/errors";
import { tokenProblem, uniqueIdProblem } from "./schemas";
import type { EscrowDeviceRow } from "./serialize";

/** One row to register, as it came in (API body or CSV line). */
export interface RowInput {
  unique_id?: unknown;
  token?: unknown;
}

export interface ValidRow {
  /** Position in the input (0-based). */
  index: number;
  uniqueId: string;
  /** Absent: the server generates one. */
  token?: string;
}

export interface RowCheck {
  valid: ValidRow[];
  /** index → every problem of that row, joined. */
  errors: Map<number, string>;
}

/**
 * Validates every row before anything is written: the unique_id and token rules, duplicates
 * inside the input, and unique_ids already registered anywhere (one query). `label(i)` names a
 * row in messages ("row 7" for a CSV line, "index 6" for an API body).
 */
export async function checkRows(db: Db, rows: readonly unknown[], label: (index: number) => string): Promise<RowCheck> {
  const problems = new Map<number, string[]>();
  const add = (i: number, p: string) => {
    const list = problems.get(i);
    if (list) list.push(p);
    else problems.set(i, [p]);
  };
  const firstSeen = new Map<string, number>();
  const candidates: ValidRow[] = [];
  rows.forEach((raw, index) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      add(index, "must be an object with unique_id and an optional token");
      return;
    }
    const r = raw as RowInput;
    const uidProblem = uniqueIdProblem(r.unique_id);
    if (uidProblem) add(index, uidProblem);
    const hasToken = r.token !== undefined && r.token !== null;
    const tokProblem = hasToken ? tokenProblem(r.token) : null;
    if (tokProblem) add(index, tokProblem);
    if (uidProblem) return;
    const uid = r.unique_id as string;
    const prev = firstSeen.get(uid);
    if (prev !== undefined) {
      add(index, `unique_id "${uid}" appears more than once in the input (first at ${label(prev)})`);
      return;
    }
    firstSeen.set(uid, index);
    if (!tokProblem) candidates.push({ index, uniqueId: uid, token: hasToken ? (r.token as string) : undefined });
  });

  const ids = [...firstSeen.keys()];
  if (ids.length) {
    const taken = await queryRows<{ unique_id: string }>(
      db,
      sql`select unique_id from escrow_devices where unique_id = any(${sql.param(ids)}::text[])`,
    );
    for (const { unique_id } of taken) add(firstSeen.get(unique_id)!, `unique_id "${unique_id}" is already registered`);
  }

  const errors = new Map<number, string>();
  for (const [i, list] of problems) errors.set(i, list.join("; "));
  return { valid: candidates.filter((c) => !errors.has(c.index)), errors };
}

const CHUNK = 1000;

/**
 * Inserts the rows with multi-row INSERTs (1000 per statement) — call inside the transaction.
 * Generated tokens are returned (unique_id → token) so they can be shown exactly once.
 */
export async function insertRows(
  tx: Db,
  actor: Actor,
  accountId: string,
  deviceTypeId: string | null,
  rows: readonly ValidRow[],
  opts: { returning?: boolean } = {},
): Promise<{ inserted: EscrowDeviceRow[]; count: number; generated: Map<string, string> }> {
  const generated = new Map<string, string>();
  const userId = actorUserId(actor);
  const inserted: EscrowDeviceRow[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r) => {
      let token = r.token;
      if (!token) {
        token = randomToken();
        generated.set(r.uniqueId, token);
      }
      return { accountId, userId, uniqueId: r.uniqueId, tokenDigest: digest(token), tokenHint: tokenHint(token), deviceTypeId };
    });
    if (opts.returning === false) await tx.insert(escrowDevices).values(values);
    else inserted.push(...(await tx.insert(escrowDevices).values(values).returning()));
  }
  return { inserted, count: rows.length, generated };
}

/**
 * A unique_id registered by a concurrent request between our check and our insert: a 409 naming
 * it (from the database's own report), never a 500.
 */
export function raceConflict(err: unknown, indexOf?: (uniqueId: string) => string | undefined): never {
  const v = uniqueViolation(err);
  if (v && (v.constraint === "escrow_devices_unique_id_key" || !v.constraint)) {
    const uid = /\(unique_id\)=\((.*)\)/.exec(v.detail ?? "")?.[1];
    const msg = uid ? `unique_id "${uid}" is already registered` : "a unique_id is already registered";
    const key = uid ? indexOf?.(uid) : undefined;
    throw conflict("unique_id already registered", { messages: [msg], extra: key !== undefined ? { errors: { [key]: msg } } : {} });
  }
  throw err;
}
