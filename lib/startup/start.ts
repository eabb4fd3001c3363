import { getDatabase } from "@/db/client";
import { loadConfig } from "@/lib/config";
import { runStartup } from "./state";

/**
 * Validates the configuration, opens the database and applies the migrations (on PostgreSQL
 * under an advisory lock, one instance after another), seeds the demo into an empty embedded
 * database and starts the webhook worker. Rejects when any step fails: the caller must then exit.
 */
export function startUp(): Promise<void> {
  return runStartup(async () => {
    loadConfig();
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
  });
}

/** startUp() for a server process: a failed start-up is logged clearly and ends the process (exit 1). */
export function startUpOrExit(): void {
  startUp().catch((err: unknown) => {
    // The message and its cause (a database error says what failed), never query parameters.
    const first = (e: unknown) => (e instanceof Error ? e.message.split(/\nparams:/)[0] : String(e));
    const cause = err instanceof Error && err.cause ? `\n  cause: ${first(err.cause)}` : "";
    console.error(`handoff: start-up failed, exiting: ${first(err)}${cause}`);
    process.exit(1);
  });
}
