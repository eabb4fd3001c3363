import { type SQL, sql } from "drizzle-orm";

/** A text[] from one JSON parameter: thousands of ids bind as a single value, on both drivers. */
export function textArray(values: string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * The ids as a table `w(id)` to JOIN on the primary key. Never `id = any(<10,000-element array>)`:
 * when the planner picks another index, that filter compares each row with every element (a
 * 10,000-device request took seconds that way).
 */
export function idsTable(values: string[]): SQL {
  return sql`jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) as w(id)`;
}

/** A 24-hex id made in SQL (96 random bits from two v4 UUIDs' fully random parts), like newId(). */
export const sqlNewId = sql`left(replace(gen_random_uuid()::text, '-', ''), 12) || right(replace(gen_random_uuid()::text, '-', ''), 12)`;
