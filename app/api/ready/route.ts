import { json } from "@/lib/http/respond";
import { checkReadiness, notReadyResponse } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 once the database answers and every migration is applied, else 503. */
export async function GET() {
  const r = await checkReadiness();
  return r.ready ? json({ status: "ready" }) : notReadyResponse(r.reason);
}
