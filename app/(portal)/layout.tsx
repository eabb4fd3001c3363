import type { ReactNode } from "react";
import { Sidebar } from "@/components/portal/sidebar";
import { invitationsForMe } from "@/lib/accounts/invitations";
import { getPortal } from "@/lib/auth/portal";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const portal = await getPortal();
  const invitations = await invitationsForMe(portal);
  return (
    <div className="flex min-h-screen">
      <Sidebar
        email={portal.actor.email}
        account={{ id: portal.account.id, name: portal.account.name, role: portal.account.role, parentId: portal.account.parentId }}
        accounts={portal.accounts.map((a) => ({ id: a.id, name: a.name, role: a.role, parentId: a.parentId }))}
        invitations={invitations.map((i) => ({ id: i._id, companyName: i.company_name ?? "", role: i.role }))}
      />
      <main className="min-w-0 flex-1 px-8 py-8">
        <div className="mx-auto max-w-7xl">{children}</div>
      </main>
    </div>
  );
}
