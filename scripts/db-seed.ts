// `npm run db:seed`: seeds the demo on the configured database (PostgreSQL or PGlite).
// Never run it against a PGlite directory while the server is up.
import { getDatabase } from "@/db/client";
import { loadConfig } from "@/lib/config";
import { isEmpty, seedDemo } from "@/lib/demo/seed";

async function main(): Promise<number> {
  loadConfig(); // a bad setting is named before the database is opened with it
  const database = await getDatabase();
  try {
    if (!(await isEmpty(database.db)) && !process.argv.includes("--force")) {
      console.error("db:seed: the database already has accounts; pass --force to add the demo anyway");
      return 1;
    }
    await seedDemo(database.db);
    console.log(`db:seed: demo data written (${database.kind})`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`db:seed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
