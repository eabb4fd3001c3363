import { type AnyColumn, and, asc, Column, count, desc, eq, gt, gte, inArray, is, lt, lte, ne, notInArray, type SQL, sql } from "drizzle-orm";
import type { PgSelect, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";

export type FieldType = "string" | "date" | "number" | "enum" | "boolean";

export interface FieldSpec {
  /** A column, or a SQL expression for a computed field (e.g. a status derived in SQL). */
  column: AnyColumn | SQL;
  type: FieldType;
  values?: readonly string[];
  /** May be used in order_by (default true). */
  sortable?: boolean;
  /**
   * The stored values are always lower case: `like` then compares case-sensitively against the
   * lower-cased pattern, which is equivalent to ilike and several times faster on large tables.
   */
  lowercase?: boolean;
}

export type FieldSpecs = Record<string, FieldSpec>;

export const OPS = ["eq", "ne", "like", "gt", "gte", "lt", "lte", "in", "nin"] as const;
export type Op = (typeof OPS)[number];

export interface ListQuery {
  page: number;
  perPage: number;
  pageMeta: boolean;
  where: SQL | undefined;
  orderBy: SQL[];
  /** The raw `company_id` narrowing, already applied to `where` when the spec has it. */
  companyId?: string;
  /** `format=csv` (API.md §9): stream every matching row as CSV, ignoring pagination. */
  format: "json" | "csv";
  /** The order_by fields as parsed (without the tie-breaker), for keyset reads. */
  order: { name: string; spec: FieldSpec; descending: boolean }[];
  tieBreaker?: AnyColumn;
}

const RESERVED = new Set(["page", "per_page", "page_meta", "order_by", "format"]);
export const MAX_PER_PAGE = 1000;

/** A user-supplied name as it may appear in an error message: bounded. */
function printable(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
}

function escapeLike(v: string): string {
  return v.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function parseValue(name: string, spec: FieldSpec, raw: string, problems: string[]): unknown {
  switch (spec.type) {
    case "string":
      if (raw.length > 512) problems.push(`${name}: value is too long (512 characters at most)`);
      return raw;
    case "number": {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) problems.push(`${name}: "${raw}" is not a number`);
      return n;
    }
    case "boolean":
      if (raw !== "true" && raw !== "false") problems.push(`${name}: "${raw}" is not true or false`);
      return raw === "true";
    case "date": {
      const d = new Date(raw);
      if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime())) problems.push(`${name}: "${raw}" is not an ISO-8601 date`);
      return d;
    }
    case "enum":
      if (!spec.values?.includes(raw)) problems.push(`${name}: "${raw}" is not one of ${spec.values?.join(", ")}`);
      return raw;
  }
}

function condition(name: string, spec: FieldSpec, op: Op, raw: string, problems: string[]): SQL | undefined {
  // A SQL expression binds its values as plain parameters; the operators accept both at runtime.
  const col = spec.column as AnyColumn;
  if (op === "in" || op === "nin") {
    const parts = raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
    if (parts.length === 0) {
      problems.push(`${name}_${op}: needs at least one comma-separated value`);
      return undefined;
    }
    if (parts.length > 1000) problems.push(`${name}_${op}: 1000 values at most`);
    const values = parts.map((p) => parseValue(name, spec, p, problems));
    return op === "in" ? inArray(col, values) : notInArray(col, values);
  }
  if (op === "like") {
    if (spec.type !== "string" && spec.type !== "enum") {
      problems.push(`${name}_like: like applies to text fields only`);
      return undefined;
    }
    if (spec.lowercase) return sql`${col} like ${`%${escapeLike(raw.toLowerCase())}%`}`;
    return sql`${col}::text ilike ${`%${escapeLike(raw)}%`}`;
  }
  const v = parseValue(name, spec, raw, problems);
  switch (op) {
    case "eq":
      return eq(col, v);
    case "ne":
      return ne(col, v);
    case "gt":
      return gt(col, v);
    case "gte":
      return gte(col, v);
    case "lt":
      return lt(col, v);
    case "lte":
      return lte(col, v);
  }
}

function intParam(params: URLSearchParams, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = params.get(name);
  if (raw == null || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}: must be a whole number from ${min} to ${max}`);
    return def;
  }
  return n;
}

/**
 * The list conventions of API.md §1: page, per_page, page_meta, order_by, `field=value` and
 * `field_<op>=value` filters. Every problem is collected; an unknown field is a 400.
 */
export function parseListQuery(
  params: URLSearchParams,
  fields: FieldSpecs,
  opts: { defaultOrder?: string; tieBreaker?: AnyColumn; ignore?: string[] } = {},
): ListQuery {
  const problems: string[] = [];
  const conditions: SQL[] = [];
  const page = intParam(params, "page", 1, 1, 1_000_000, problems);
  const perPage = intParam(params, "per_page", 25, 1, MAX_PER_PAGE, problems);
  const pm = params.get("page_meta");
  if (pm != null && pm !== "true" && pm !== "false") problems.push("page_meta: must be true or false");
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "csv") problems.push("format: must be json or csv");
  const ignore = new Set(opts.ignore ?? []);
  // A Map, not `key in fields`: query keys such as `constructor` or `__proto__` are unknown fields.
  const known = new Map(Object.entries(fields));
  let companyId: string | undefined;

  for (const [key, raw] of params) {
    if (RESERVED.has(key) || ignore.has(key)) continue;
    let name = key;
    let op: Op = "eq";
    let spec = known.get(key);
    if (!spec) {
      const m = /^(.+)_(eq|ne|like|gt|gte|lt|lte|in|nin)$/.exec(key);
      spec = m ? known.get(m[1]) : undefined;
      if (!m || !spec) {
        problems.push(`${printable(key)}: unknown filter field (known: ${[...known.keys()].join(", ")})`);
        continue;
      }
      name = m[1];
      op = m[2] as Op;
    }
    if (name === "company_id" && op === "eq") companyId = raw;
    const c = condition(name, spec, op, raw, problems);
    if (c) conditions.push(c);
  }

  const orderRaw = params.get("order_by") ?? opts.defaultOrder ?? "-created_at";
  const orderBy: SQL[] = [];
  const order: ListQuery["order"] = [];
  for (const part of orderRaw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const descending = part.startsWith("-");
    const name = descending ? part.slice(1) : part;
    const spec = known.get(name);
    if (!spec || spec.sortable === false) {
      problems.push(`order_by: cannot order by "${printable(name)}"`);
      continue;
    }
    order.push({ name, spec, descending });
    // A NOT NULL column sorts without "nulls last", so the planner can walk its index backwards.
    const notNull = is(spec.column, Column) && spec.column.notNull;
    if (notNull) orderBy.push(descending ? sql`${spec.column} desc` : sql`${spec.column} asc`);
    else orderBy.push(descending ? sql`${spec.column} desc nulls last` : sql`${spec.column} asc nulls last`);
  }
  if (opts.tieBreaker) orderBy.push(desc(opts.tieBreaker));

  if (problems.length) throw new AppError("invalid", "invalid query", { messages: problems });
  return {
    page,
    perPage,
    pageMeta: pm === "true",
    where: conditions.length ? and(...conditions) : undefined,
    orderBy: orderBy.length ? orderBy : [asc(sql`1`)],
    companyId,
    format: format === "csv" ? "csv" : "json",
    order,
    tieBreaker: opts.tieBreaker,
  };
}

export interface ListResult<T> {
  resources: T[];
  page: number;
  per_page: number;
  total: number;
}

/** The body of a list response: a plain array, or the `page_meta` envelope. */
export function listBody<T>(q: ListQuery, resources: T[], total: number): T[] | ListResult<T> {
  return q.pageMeta ? { resources, page: q.page, per_page: q.perPage, total } : resources;
}

/** The requested page of a dynamic select (`db.select()…where(…).$dynamic()`), in order_by order. */
export function paginate<T extends PgSelect>(qb: T, q: ListQuery): T {
  return qb.orderBy(...q.orderBy).limit(q.perPage).offset((q.page - 1) * q.perPage);
}

/** The total for the page_meta envelope: counted only when page_meta asks for it. */
export async function listTotal(db: Db, table: PgTable, where: SQL | undefined, q: ListQuery, pageLength: number): Promise<number> {
  if (!q.pageMeta) return pageLength;
  const [r] = await db.select({ n: count() }).from(table).where(where);
  return r.n;
}
