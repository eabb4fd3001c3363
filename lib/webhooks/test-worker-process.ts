/**
 * A server process for the crash test: opens the PostgreSQL database given, runs the webhook
 * worker as the app does, and (with a job) records a transfer. Killed with SIGKILL by the test.
 *   tsx lib/webhooks/test-worker-process.ts <database url> <json {worker, transfer?}>
 */
import { openPostgres } from "@/db/client";
import { ctxFor } from "@/lib/test/factories";
import { createTransfer } from "@/lib/transfers/create";
import { startWebhookWorker } from "./worker";

async function main() {
  const [url, raw] = process.argv.slice(2);
  const job = JSON.parse(raw) as { worker: boolean; transfer?: { userId: string; to: string; deviceTypeId: string; escrowIds: string[] } };
  const database = await openPostgres(url, { migrate: false, max: 5 });
  if (job.worker) await startWebhookWorker(database, { retryBaseMs: 200, leaseMs: 1500, pollMs: 300, timeoutMs: 60_000 });
  if (job.transfer) {
    const t = job.transfer;
    const created = await createTransfer(await ctxFor(database.db, t.userId), { to_company_id: t.to, device_type_id: t.deviceTypeId, escrow_device_ids: t.escrowIds });
    console.log(`recorded ${created._id}`);
  }
  console.log("ready");
  setInterval(() => {}, 60_000);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
