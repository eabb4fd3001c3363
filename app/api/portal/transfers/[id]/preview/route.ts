import { portalRoute } from "@/lib/http/portal-route";
import { previewTransfer } from "@/lib/transfers/preview";

export const dynamic = "force-dynamic";

/** The accept dialog's live preview: what accepting would do with `?device_type_id=` (or no override). */
export const GET = portalRoute<{ id: string }>(async ({ params, url, portal }) => previewTransfer(portal, params.id, url.searchParams.get("device_type_id")));
