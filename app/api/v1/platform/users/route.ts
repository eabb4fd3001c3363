import { createUser } from "@/lib/accounts/create-user";
import { listUsers } from "@/lib/accounts/members";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const GET = platformRoute(async ({ ctx, url }) => listUsers(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req }) => createUser(ctx, await readJson(req)), { status: 201 });
