import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Liveness: the process runs and answers. Says nothing about the database (see /api/ready). */
export async function GET() {
  return json({ status: "ok" });
}
