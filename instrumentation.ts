/** Runs once when the server starts: validate config, migrate, seed the embedded demo. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadConfig } = await import("@/lib/config");
  loadConfig();
  const { getDatabase } = await import("@/db/client");
  const database = await getDatabase();
  if (database.kind === "pglite" && process.env.HANDOFF_SEED !== "off") {
    const { isEmpty, seedDemo } = await import("@/lib/demo/seed");
    if (await isEmpty(database.db)) {
      await seedDemo(database.db);
      console.log("handoff: seeded the demo data (sign in as maker@acme.test / handoff-demo-password)");
    }
  }
  console.log(`handoff: database ready (${database.kind})`);
  if (process.env.HANDOFF_WEBHOOKS !== "off") await (await import("@/lib/webhooks/worker")).startProcessWorker(database);
}
