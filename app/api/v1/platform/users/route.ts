import { inviteMember, listUsers } from "@/lib/accounts/members";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const GET = platformRoute(async ({ ctx }) => listUsers(ctx));
export const POST = platformRoute(async ({ ctx, req }) => inviteMember(ctx, await readJson(req)), { status: 201 });
