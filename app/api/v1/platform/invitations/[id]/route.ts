import { deleteInvitation } from "@/lib/accounts/invitation-decide";
import { platformRoute } from "@/lib/http/platform-route";

export const DELETE = platformRoute<{ id: string }>(async ({ ctx, params }) => deleteInvitation(ctx, params.id));
