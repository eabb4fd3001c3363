import { userWithMemberships } from "@/lib/accounts/sessions";
import { requireUser } from "@/lib/auth/permissions";
import { platformRoute } from "@/lib/http/platform-route";

export const GET = platformRoute(async ({ ctx }) => userWithMemberships(ctx.db, requireUser(ctx.actor).userId));
