import { getDb } from "@/db/client";
import { authenticate } from "@/lib/accounts/sessions";
import { publicRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const POST = publicRoute(async ({ req }) => authenticate(await getDb(), await readJson(req)));
