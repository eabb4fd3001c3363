/**
 * Runs once when the server starts. The start-up (config, database, migrations, demo seed) runs
 * in the background so that /api/health and /api/ready answer at once; proxy.ts holds every
 * other request until it is done. If it fails, the process exits non-zero rather than listen
 * half-alive.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startUpOrExit } = await import("@/lib/startup/start");
  startUpOrExit();
}
