import { json } from "@/lib/http/respond";
import { openApiDocument } from "@/lib/openapi/document";

/** GET /api/v1/openapi.json — no auth. */
export const GET = async () => json(openApiDocument(), 200, { "cache-control": "public, max-age=300" });
