import { acceptInvitation } from "@/lib/accounts/invitation-decide";
import { platformRoute } from "@/lib/http/platform-route";

export const POST = platformRoute<{ id: string }>(async ({ ctx, params }) => acceptInvitation(ctx, params.id));
