import { type AnyColumn, and, lt, or, type SQL, sql } from "drizzle-orm";
import { csvLine, csvResponse } from "./csv";
import type { FieldSpec, ListQuery } from "./query";

/** At most this many rows per export (API.md §9). */
export const CSV_MAX_ROWS = 100_000;
/** Rows per keyset read: memory stays at one chunk whatever the export's size. */
export const CSV_CHUNK = 1000;

const CAST: Record<FieldSpec["type"], string> = { date: "timestamptz", number: "numeric", boolean: "boolean", string: "text", enum: "text" };

export interface KeyRow {
  __keys: (string | null)[];
  __id: string;
}

/**
 * Keyset pagination over any `order_by` of a list (plus its descending tie-breaker): the selection
 * to add to each read, and the condition for "rows after this one". Nulls sort last, as in lists.
 * Keys travel as text and are cast back to the column's type, so timestamps keep microseconds.
 */
export function keyset(q: ListQuery) {
  const tie = q.tieBreaker as AnyColumn;
  const exprs = q.order.map((o) => o.spec.column as AnyColumn | SQL);
  const keys = sql<(string | null)[]>`array[${sql.join(
    exprs.map((e) => sql`(${e})::text`),
    sql`, `,
  )}]::text[]`;
  const selection = { __keys: exprs.length ? keys : sql<(string | null)[]>`array[]::text[]`, __id: sql<string>`${tie}` };

  function after(last: KeyRow): SQL {
    const terms: SQL[] = [];
    const equal: SQL[] = [];
    q.order.forEach((o, i) => {
      const e = exprs[i];
      const k = last.__keys[i];
      const typed = sql`cast(${k} as ${sql.raw(CAST[o.spec.type])})`;
      if (k != null) {
        const beyond = o.descending ? sql`(${e}) < ${typed}` : sql`(${e}) > ${typed}`;
        terms.push(and(...equal, or(beyond, sql`(${e}) is null`)) as SQL);
        equal.push(sql`(${e}) = ${typed}`);
      } else equal.push(sql`(${e}) is null`);
    });
    terms.push(and(...equal, lt(tie, last.__id)) as SQL);
    return or(...terms) as SQL;
  }
  return { selection, after };
}

/**
 * `format=csv`: a stream that reads `CSV_CHUNK` rows at a time (keyset, never OFFSET) only as the
 * client consumes it, writing a header line first and at most `CSV_MAX_ROWS` rows.
 */
export function csvExport<R extends KeyRow>(args: {
  q: ListQuery;
  filename: string;
  columns: string[];
  read: (after: SQL | undefined, limit: number) => Promise<R[]>;
  toRecord: (row: R) => Record<string, unknown>;
  max?: number;
}): Response {
  const { after } = keyset(args.q);
  const max = args.max ?? CSV_MAX_ROWS;
  const enc = new TextEncoder();
  let last: KeyRow | null = null;
  let sent = 0;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(enc.encode(csvLine(args.columns)));
          return;
        }
        const limit = Math.min(CSV_CHUNK, max - sent);
        if (limit <= 0) {
          controller.close();
          return;
        }
        try {
          const rows = await args.read(last ? after(last) : undefined, limit);
          if (rows.length) {
            let text = "";
            for (const r of rows) {
              const rec = args.toRecord(r);
              text += csvLine(args.columns.map((c) => rec[c]));
            }
            controller.enqueue(enc.encode(text));
            sent += rows.length;
            last = rows[rows.length - 1];
          }
          if (rows.length < limit) controller.close();
        } catch (err) {
          controller.error(err);
        }
      },
    },
    { highWaterMark: 1 },
  );
  return csvResponse(stream, args.filename);
}

