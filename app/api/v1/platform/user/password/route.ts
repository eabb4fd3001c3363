import { changePassword } from "@/lib/accounts/password";
import { platformRoute } from "@/lib/http/platform-route";
import { readJson } from "@/lib/http/respond";

export const POST = platformRoute(async ({ ctx, req }) => changePassword(ctx, await readJson(req)));
