import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeviceTypeForm } from "@/components/device-types/device-type-form";
import { Card, PageHeader } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { getDeviceType } from "@/lib/device-types/get";
import { AppError } from "@/lib/errors";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const portal = await getPortal();
  const { id } = await params;
  const record = await getDeviceType(portal, id).catch(() => null);
  return { title: record ? `${record.name} · Device types` : "Not found" };
}

export default async function DeviceTypePage({ params }: { params: Promise<{ id: string }> }) {
  const portal = await getPortal();
  const { id } = await params;
  const t = await getDeviceType(portal, id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const canWrite = can(portal.actor, t.company_id, "devices.write");
  return (
    <>
      <Link href="/device-types" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ChevronLeft className="h-4 w-4" aria-hidden="true" /> Device types
      </Link>
      <PageHeader title={t.name} description={`${t.manufacturer} · ${t.model}`} />
      <Card>
        <DeviceTypeForm
          id={t._id}
          canWrite={canWrite}
          initial={{
            name: t.name,
            manufacturer: t.manufacturer,
            model: t.model,
            type: t.type,
            long_description: t.long_description,
            capabilities: JSON.stringify(t.capabilities, null, 2),
            config: JSON.stringify(t.config, null, 2),
          }}
        />
      </Card>
    </>
  );
}
