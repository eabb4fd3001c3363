import { endAllSessions } from "@/lib/accounts/password";
import { platformRoute } from "@/lib/http/platform-route";

export const DELETE = platformRoute(async ({ ctx }) => endAllSessions(ctx));
