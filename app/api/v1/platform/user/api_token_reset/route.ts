import { getDb } from "@/db/client";
import { resetApiToken } from "@/lib/accounts/api-tokens";
import { publicRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const POST = publicRoute(async ({ req }) => resetApiToken(await getDb(), await readJson(req)));
