import { type SQL, sql } from "drizzle-orm";

/** A text[] from one JSON parameter: thousands of ids bind as a single value, on both drivers. */
export function textArray(values: string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/** A 24-hex id made in SQL (96 random bits from two v4 UUIDs' fully random parts), like newId(). */
export const sqlNewId = sql`left(replace(gen_random_uuid()::text, '-', ''), 12) || right(replace(gen_random_uuid()::text, '-', ''), 12)`;
