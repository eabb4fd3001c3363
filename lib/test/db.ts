import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { type Database, openPglite, openPostgres } from "@/db/client";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteTemplate: string;
    runId: string;
  }
}

let counter = 0;

/**
 * A fresh, migrated, real database for this test file: a PGlite loaded from the migrated
 * template, or a PostgreSQL database created from the template database. Closed after the file.
 */
export async function testDatabase(opts: { max?: number } = {}): Promise<Database> {
  if (process.env.HANDOFF_TEST_DB === "postgres") {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `handoff_t_${inject("runId")}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject("pgTemplate")}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const d = await openPostgres(u.toString(), { migrate: false, max: opts.max ?? 25 });
    afterAll(async () => {
      await d.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    return d;
  }
  const file = inject("pgliteTemplate");
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
  const d = await openPglite(client, { migrate: false });
  afterAll(async () => {
    await d.close();
  });
  return d;
}

export const isPostgres = () => process.env.HANDOFF_TEST_DB === "postgres";
