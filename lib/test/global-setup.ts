import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openPglite, openPostgres } from "@/db/client";

export const TEMPLATE_DIR = path.join(process.cwd(), "node_modules", ".cache", "handoff-test");

function templateDbName(): string {
  return `handoff_tpl_${process.pid}`;
}

/** Builds one migrated database per engine; each test file then starts from a copy of it. */
interface SetupProject {
  provide: (k: string, v: string) => void;
  config: { env?: Record<string, string | undefined> };
}

export default async function setup({ provide, config }: SetupProject) {
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  provide("runId", String(process.pid));
  const kind = config.env?.HANDOFF_TEST_DB ?? "pglite";
  if (kind === "postgres") {
    const url = config.env?.TEST_DATABASE_URL as string;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = templateDbName();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const d = await openPostgres(u.toString());
    await d.close();
    provide("pgTemplate", name);
    return async () => {
      // Test databases made from the template are dropped by their files; drop stragglers too.
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'handoff_t_${process.pid}_%' or datname = $1`,
        [name],
      );
      for (const r of left.rows) await admin.query(`drop database if exists ${r.datname} with (force)`).catch(() => {});
      await admin.end();
    };
  }
  const client = await PGlite.create();
  await openPglite(client);
  const dump = await client.dumpDataDir("none");
  const file = path.join(TEMPLATE_DIR, `pglite-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  provide("pgliteTemplate", file);
}
