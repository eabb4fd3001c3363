import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/page";
import { getPortal } from "@/lib/auth/portal";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const portal = await getPortal();
  return (
    <>
      <PageHeader title="Settings" description={`Members, API tokens and sub-accounts of ${portal.account.name}.`} />
      <SettingsTabs />
      <div className="mt-6">{children}</div>
    </>
  );
}
