// `npm run db:seed`: seeds the demo on the configured database (PostgreSQL or PGlite).
// Never run it against a PGlite directory while the server is up.
import { getDatabase } from "@/db/client";
import { isEmpty, seedDemo } from "@/lib/demo/seed";

const database = await getDatabase();
if (!(await isEmpty(database.db)) && !process.argv.includes("--force")) {
  console.error("db:seed: the database already has accounts; pass --force to add the demo anyway");
  process.exit(1);
}
await seedDemo(database.db);
console.log(`db:seed: demo data written (${database.kind})`);
await database.close();
