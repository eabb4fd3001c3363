import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { actorUserId } from "@/lib/auth/actor";
import { digest, newIds, randomTokens, tokenHint } from "@/lib/auth/secrets";
import { conflict, uniqueViolation } from "@/lib/errors";
import { tokenProblem, uniqueIdProblem } from "./schemas";

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

const CHUNK = 10_000;

/** What `insertRows` wrote, by position in its `rows` argument. */
export interface InsertedRows {
  count: number;
  /** unique_id → server-generated token, in insert order (to be shown exactly once). */
  generated: Map<string, string>;
  ids: string[];
  hints: string[];
  /** The generated token of each row, or undefined when the row brought its own. */
  tokens: (string | undefined)[];
  /** created_at (= updated_at) of each row, as the API shows it (ISO, milliseconds). */
  createdAt(position: number): string;
}

/**
 * Inserts the rows, 10,000 per statement (one INSERT … SELECT FROM unnest(…) each) — call inside
 * the transaction. Rows get created_at = now + their position in microseconds, so an import keeps
 * the file's order and every row has its own place in the (account, created_at) index. What the
 * rows hold is known here (ids, digests, times), so nothing is read back.
 */
export async function insertRows(tx: Db, actor: Actor, accountId: string, deviceTypeId: string | null, rows: readonly ValidRow[]): Promise<InsertedRows> {
  const n = rows.length;
  const generated = new Map<string, string>();
  const userId = actorUserId(actor);
  const ids = newIds(n);
  const hints: string[] = new Array(n);
  const tokens: (string | undefined)[] = new Array(n);
  const digests: string[] = new Array(n);
  const missing = rows.reduce((k, r) => (r.token ? k : k + 1), 0);
  const fresh = randomTokens(missing);
  // Insert in unique_id order (created_at still follows the file's order): concurrent imports of
  // overlapping unique_ids then take their index locks in one order — one waits and gets a unique
  // violation (a 409 naming the unique_id) instead of both deadlocking.
  const order = rows.map((_, i) => i).sort((x, y) => (rows[x].uniqueId < rows[y].uniqueId ? -1 : rows[x].uniqueId > rows[y].uniqueId ? 1 : 0));
  let f = 0;
  for (const p of order) {
    let token = rows[p].token;
    if (!token) {
      token = fresh[f++];
      tokens[p] = token;
      generated.set(rows[p].uniqueId, token);
    }
    digests[p] = digest(token);
    hints[p] = tokenHint(token);
  }
  let now = "";
  for (let start = 0; start < n; start += CHUNK) {
    const positions = order.slice(start, start + CHUNK);
    const [first] = await queryRows<{ now: string }>(
      tx,
      sql`with inserted as (
            insert into escrow_devices (id, account_id, user_id, unique_id, token_digest, token_hint, device_type_id, created_at, updated_at)
            select u.id, ${accountId}, ${userId}, u.unique_id, u.token_digest, u.token_hint, ${deviceTypeId},
                   now() + make_interval(secs => u.pos / 1000000.0),
                   now() + make_interval(secs => u.pos / 1000000.0)
            from unnest(${sql.param(positions.map((q) => ids[q]))}::text[], ${sql.param(positions.map((q) => rows[q].uniqueId))}::text[],
                        ${sql.param(positions.map((q) => digests[q]))}::text[], ${sql.param(positions.map((q) => hints[q]))}::text[],
                        ${sql.param(positions)}::int[])
              as u(id, unique_id, token_digest, token_hint, pos)
            order by u.unique_id
          )
          select to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
    );
    now ||= first.now;
  }
  const baseMs = Date.parse(now);
  const baseUs = Number(now.slice(20, 26)) % 1000;
  let lastMs = Number.NaN;
  let lastIso = "";
  const createdAt = (position: number) => {
    const at = baseMs + Math.floor((baseUs + position) / 1000);
    if (at !== lastMs) {
      lastMs = at;
      lastIso = new Date(at).toISOString();
    }
    return lastIso;
  };
  return { count: n, generated, ids, hints, tokens, createdAt };
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
    throw conflict("unique_id already registered", {
      messages: [msg],
      fieldErrors: { unique_id: [msg] },
      extra: key !== undefined ? { errors: { [key]: msg } } : {},
    });
  }
  throw err;
}
