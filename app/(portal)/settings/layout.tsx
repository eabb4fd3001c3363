import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page";
import { getPortal } from "@/lib/auth/portal";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const portal = await getPortal();
  return (
    <>
      <PageHeader
        title="Settings"
        description={`Members, API tokens, sub-accounts and webhooks of ${portal.account.name}.`}
        actions={
          <div className="flex items-center gap-2 rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
            <div>
              <p className="text-xs text-slate-500">Account id — give it to a manufacturer to receive devices</p>
              <p className="font-mono text-sm text-slate-900" data-testid="account-id">
                {portal.account.id}
              </p>
            </div>
            <CopyButton value={portal.account.id} label="Copy id" />
          </div>
        }
      />
      <SettingsTabs />
      <div className="mt-6">{children}</div>
    </>
  );
}
