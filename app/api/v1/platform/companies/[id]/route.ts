import { getCompany } from "@/lib/accounts/companies";
import { platformRoute } from "@/lib/http/platform-route";

export const GET = platformRoute<{ id: string }>(async ({ ctx, params }) => getCompany(ctx, params.id));
