import { getDb } from "@/db/client";
import { signup } from "@/lib/accounts/signup";
import { publicRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const POST = publicRoute(async ({ req }) => signup(await getDb(), await readJson(req)), { status: 201 });
