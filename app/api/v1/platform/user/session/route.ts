import { endSession } from "@/lib/accounts/sessions";
import { requireUser } from "@/lib/auth/permissions";
import { platformRoute } from "@/lib/http/platform-route";

export const DELETE = platformRoute(async ({ ctx }) => {
  const user = requireUser(ctx.actor);
  return endSession(ctx.db, user.userId, user.via === "session_token" ? user.tokenId : undefined);
});
