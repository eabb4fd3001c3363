import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One Drizzle type for both drivers; a transaction is assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Rows of a raw SQL statement, the same for both drivers. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export type Listener = (payload: string) => void;

/** A plain `query({ text, values, name })` client: node-postgres's shape, also over PGlite. */
export interface RawClient {
  query(q: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** The driver underneath, for libraries that speak node-postgres (rate-limiter-flexible). */
  raw: RawClient;
  /** Subscribe to a NOTIFY channel. Returns an unsubscribe function. */
  listen(channel: string, fn: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export async function openPglite(client: PGlite, opts: { migrate?: boolean } = {}): Promise<Database> {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (opts.migrate !== false) await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    kind: "pglite",
    raw: {
      async query(q) {
        const r = await client.query<Record<string, unknown>>(q.text, q.values);
        return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
      },
    },
    async listen(channel, fn) {
      const unsub = await client.listen(channel, fn);
      return async () => unsub();
    },
    close: () => client.close(),
  };
}

/** Session-level advisory lock key (two int4s: "hand", 1) that serializes migrations across processes. */
export const MIGRATION_LOCK: readonly [number, number] = [0x68616e64, 1];

export interface PostgresTimeouts {
  /** statement_timeout of every pooled connection, ms (0: none). */
  statementMs: number;
  /** idle_in_transaction_session_timeout, ms (0: none). */
  idleInTransactionMs: number;
}

/** HANDOFF_DB_STATEMENT_TIMEOUT_MS / HANDOFF_DB_IDLE_TX_TIMEOUT_MS, or 30 s / 10 s. */
export function timeoutsFromEnv(env: Record<string, string | undefined> = process.env): PostgresTimeouts {
  const ms = (v: string | undefined, def: number) => (v != null && v !== "" && Number.isInteger(Number(v)) && Number(v) >= 0 ? Number(v) : def);
  return { statementMs: ms(env.HANDOFF_DB_STATEMENT_TIMEOUT_MS, 30_000), idleInTransactionMs: ms(env.HANDOFF_DB_IDLE_TX_TIMEOUT_MS, 10_000) };
}

/**
 * Applies the migrations on one dedicated connection holding MIGRATION_LOCK, so instances started
 * together on one database migrate one after the other (the later ones find nothing to do). The
 * connection has no statement timeout: a migration, or waiting for another instance's, may be long.
 */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1, $2)", [...MIGRATION_LOCK]);
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    // Ending the session releases the lock, also when the migration failed.
    await client.end().catch(() => {});
  }
}

export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number; timeouts?: PostgresTimeouts } = {}): Promise<Database> {
  if (opts.migrate !== false) await migratePostgres(url);
  // A dead client or a killed instance cannot hold locks for long: its statements and its open
  // transactions are cut off by the server.
  const t = opts.timeouts ?? timeoutsFromEnv();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    statement_timeout: t.statementMs || undefined,
    idle_in_transaction_session_timeout: t.idleInTransactionMs || undefined,
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;

  // One dedicated connection carries every LISTEN of this process. If it drops (server restart,
  // terminated backend), it is reopened with every channel re-LISTENed, so waiters keep hearing.
  let listenClient: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let closed = false;
  const handlers = new Map<string, Set<Listener>>();
  function scheduleReconnect() {
    if (closed || reconnectTimer || handlers.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      ensureListenClient().catch(() => scheduleReconnect());
    }, 500);
    reconnectTimer.unref?.();
  }
  async function connectListenClient(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    const lost = () => {
      if (listenClient !== c) return;
      listenClient = null;
      c.end().catch(() => {});
      scheduleReconnect();
    };
    c.on("notification", (msg) => {
      for (const fn of handlers.get(msg.channel) ?? []) fn(msg.payload ?? "");
    });
    c.on("error", lost);
    c.on("end", lost);
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
    listenClient = c;
    return c;
  }
  function ensureListenClient(): Promise<pg.Client> {
    if (listenClient) return Promise.resolve(listenClient);
    connecting ??= connectListenClient().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    db,
    kind: "postgres",
    raw: pool,
    async listen(channel, fn) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error("invalid channel name");
      const c = await ensureListenClient();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await c.query(`LISTEN ${channel}`);
      }
      set.add(fn);
      return async () => {
        set.delete(fn);
      };
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const c = listenClient;
      listenClient = null;
      await c?.end().catch(() => {});
      await pool.end();
    },
  };
}

export function dataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.HANDOFF_DATA_DIR || ".data");
}

/**
 * PGlite's first initdb grows its WebAssembly memory (~+500 MB RSS) and WebAssembly memory never
 * shrinks, so a server that initialised its own directory idled far above one that opened an
 * existing one. A short-lived child process does the initdb instead; the server then opens the
 * initialised directory like on any restart.
 */
async function initdbInChild(dir: string): Promise<void> {
  if (existsSync(path.join(dir, "PG_VERSION"))) return;
  const script = 'import { PGlite } from "@electric-sql/pglite"; const db = await PGlite.create(process.argv[1]); await db.close();';
  await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script, dir], { cwd: process.cwd() });
}

/**
 * The embedded server's shared buffers: 32MB unless HANDOFF_PGLITE_SHARED_BUFFERS. initdb writes
 * PostgreSQL's 128MB, and PGlite allocates (and touches) all of it inside its WebAssembly memory at
 * open, ~100 MB of the idle server's RSS; the embedded database is small, and the files it reads are
 * cached by the operating system anyway.
 */
export function pgliteStartParams(env: Record<string, string | undefined> = process.env): string[] {
  return [...PGlite.defaultStartParams, "-c", `shared_buffers=${env.HANDOFF_PGLITE_SHARED_BUFFERS || "32MB"}`];
}

const globalForDb = globalThis as unknown as { __handoffDb?: Promise<Database> };

/**
 * The process-wide database. PGlite in HANDOFF_DATA_DIR when DATABASE_URL is unset, PostgreSQL
 * otherwise. Kept on globalThis: pages and route handlers get separate module copies, and two
 * PGlite instances on one directory would corrupt it. A failed init is not cached.
 */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.__handoffDb) {
    const p = (async () => {
      const url = process.env.DATABASE_URL;
      if (url) return openPostgres(url, { max: Number(process.env.HANDOFF_DB_POOL ?? 10) });
      const dir = path.join(dataDir(), "pglite");
      mkdirSync(dir, { recursive: true });
      await initdbInChild(dir);
      return openPglite(await PGlite.create(dir, { startParams: pgliteStartParams() }));
    })();
    globalForDb.__handoffDb = p;
    p.catch(() => {
      if (globalForDb.__handoffDb === p) globalForDb.__handoffDb = undefined;
    });
  }
  return globalForDb.__handoffDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
