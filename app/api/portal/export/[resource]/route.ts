import { listEvents } from "@/lib/audit/list";
import type { Ctx } from "@/lib/context";
import { listDeviceTypes } from "@/lib/device-types/list";
import { listDevices } from "@/lib/devices/list";
import { notFound } from "@/lib/errors";
import { listEscrowDevices } from "@/lib/escrow-devices/list";
import { portalRoute } from "@/lib/http/portal-route";
import { listTransfers } from "@/lib/transfers/list";

export const dynamic = "force-dynamic";

const LISTS: Record<string, (ctx: Ctx, params: URLSearchParams) => Promise<unknown>> = {
  escrow_devices: listEscrowDevices,
  devices: listDevices,
  device_transfer_requests: listTransfers,
  device_types: listDeviceTypes,
  events: listEvents,
};

/** The portal's Export buttons: the platform list with the page's filters, as CSV, for the session user. */
export const GET = portalRoute<{ resource: string }>(async ({ url, params, portal }) => {
  const list = Object.hasOwn(LISTS, params.resource) ? LISTS[params.resource] : null;
  if (!list) throw notFound("list");
  const query = new URLSearchParams(url.searchParams);
  query.set("format", "csv");
  return list(portal, query);
});
