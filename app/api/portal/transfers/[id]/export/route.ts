import { portalRoute } from "@/lib/http/portal-route";
import { exportTransferDevices } from "@/lib/transfers/items-csv";

export const dynamic = "force-dynamic";

export const GET = portalRoute<{ id: string }>(async ({ params, portal }) => exportTransferDevices(portal, params.id));
