import { createInvitation, listInvitations } from "@/lib/accounts/invitations";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const GET = platformRoute(async ({ ctx, url }) => listInvitations(ctx, url.searchParams));
export const POST = platformRoute(async ({ ctx, req, url }) => createInvitation(ctx, await readJson(req), url.origin), { status: 201 });
