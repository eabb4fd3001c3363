import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DeviceTypeForm } from "@/components/device-types/device-type-form";
import { Card, PageHeader } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";

export const metadata = { title: "New device type" };

export default async function NewDeviceTypePage() {
  const portal = await getPortal();
  if (!can(portal.actor, portal.account.id, "devices.write")) redirect("/device-types");
  return (
    <>
      <Link href="/device-types" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ChevronLeft className="h-4 w-4" aria-hidden="true" /> Device types
      </Link>
      <PageHeader title="New device type" />
      <Card>
        <DeviceTypeForm
          id={null}
          canWrite
          initial={{
            name: "",
            manufacturer: "",
            model: "",
            type: "gateway",
            long_description: "",
            capabilities: "{}",
            config: JSON.stringify({ heartbeat_period: 60, log_config: { level: "info" } }, null, 2),
          }}
        />
      </Card>
    </>
  );
}
