import { createSubAccount, listCompanies } from "@/lib/accounts/companies";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const GET = platformRoute(async ({ ctx, url }) => listCompanies(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req }) => createSubAccount(ctx, await readJson(req)), { status: 201 });
