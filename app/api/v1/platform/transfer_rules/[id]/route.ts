import { platformRoute } from "@/lib/http/platform-route";
import { deleteTransferRule } from "@/lib/transfers/rules";

export const DELETE = platformRoute<{ id: string }>(async ({ ctx, params }) => deleteTransferRule(ctx, params.id));
