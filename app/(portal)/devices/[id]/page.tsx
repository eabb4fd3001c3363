import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeviceForm } from "@/components/devices/device-form";
import { LiveRecords, LiveStatus, LiveTime } from "@/components/live/live-records";
import { Badge } from "@/components/ui/badge";
import { Card, Details, PageHeader } from "@/components/ui/page";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { findVisibleDeviceType } from "@/lib/device-types/get";
import { getDevice } from "@/lib/devices/get";
import { AppError } from "@/lib/errors";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const portal = await getPortal();
  const { id } = await params;
  const record = await getDevice(portal, id).catch(() => null);
  return { title: record ? `${record.name} · Devices` : "Not found" };
}

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const portal = await getPortal();
  const { id } = await params;
  const d = await getDevice(portal, id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const type = await findVisibleDeviceType(portal, d.device_type_id).catch(() => null);
  const canWrite = can(portal.actor, d.company_id, "devices.write");
  return (
    <>
      <Link href="/devices" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ChevronLeft className="h-4 w-4" aria-hidden="true" /> Devices
      </Link>
      <LiveRecords kind="devices" ids={[d._id]} snapshot={`${d.heartbeat_status}@${d.heartbeat_at}`}>
      <PageHeader title={d.name} description={<LiveStatus id={d._id} field="heartbeat_status" initial={d.heartbeat_status} />} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <Details
            items={[
              ["Unique ID", <span key="u" className="font-mono">{d.unique_id}</span>],
              ["Heartbeat", <LiveStatus key="h" id={d._id} field="heartbeat_status" initial={d.heartbeat_status} />],
              ["Last heartbeat", <LiveTime key="l" id={d._id} field="heartbeat_at" initial={d.heartbeat_at} relative />],
              ["Heartbeat period", `${d.heartbeat_period} s`],
              ["Device type", type ? <Link key="t" href={`/device-types/${type.id}`} className="text-indigo-700 hover:underline">{type.name}</Link> : "—"],
              ["Tags", d.tags.length ? <span key="g" className="flex flex-wrap gap-1">{d.tags.map((t) => <Badge key={t}>{t}</Badge>)}</span> : "None"],
              ["Created", <Time key="c" value={d.created_at} />],
              ["ID", <span key="i" className="font-mono text-xs">{d._id}</span>],
            ]}
          />
        </Card>
        <Card title="Settings">
          <DeviceForm id={d._id} canWrite={canWrite} initial={{ name: d.name, tags: d.tags, heartbeat_period: d.heartbeat_period }} />
        </Card>
      </div>
      </LiveRecords>
    </>
  );
}
