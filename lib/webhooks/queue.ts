import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { Database } from "@/db/client";

/** pg-boss's `db` option: how it runs SQL. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

function clientOf(database: Database): unknown {
  return (database.db as unknown as { $client: unknown }).$client;
}

/**
 * pg-boss over the app's own connections: the node-postgres pool on PostgreSQL, or the embedded
 * PGlite (one query at a time; statements without parameters may be several, run with `exec`).
 */
export function executorFor(database: Database): SqlExecutor {
  if (database.kind === "postgres") {
    const pool = clientOf(database) as pg.Pool;
    return { executeSql: (text, values) => pool.query(text, values as unknown[]) };
  }
  return pgliteExecutor(clientOf(database) as Pick<PGlite, "query" | "exec">);
}

function pgliteExecutor(client: Pick<PGlite, "query" | "exec">): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values?.length) return (await client.query(text, values)) as { rows: Record<string, unknown>[] };
      const results = await client.exec(text);
      return (results[results.length - 1] ?? { rows: [] }) as { rows: Record<string, unknown>[] };
    },
  };
}

/** Runs `fn` in one transaction on one connection, handing it an executor bound to that transaction. */
export async function inSqlTransaction<T>(database: Database, fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
  if (database.kind === "postgres") {
    const client = await (clientOf(database) as pg.Pool).connect();
    try {
      await client.query("begin");
      const out = await fn({ executeSql: (text, values) => client.query(text, values as unknown[]) });
      await client.query("commit");
      return out;
    } catch (err) {
      await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
  return (clientOf(database) as PGlite).transaction((tx) => fn(pgliteExecutor(tx)));
}
