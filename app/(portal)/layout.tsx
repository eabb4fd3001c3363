import type { ReactNode } from "react";
import { MobileNav, Sidebar, type SidebarProps } from "@/components/portal/sidebar";
import { invitationsForMe } from "@/lib/accounts/invitations";
import { getPortal } from "@/lib/auth/portal";
import { accountProfile } from "@/lib/dashboard/profile";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const portal = await getPortal();
  const [profile, invitations] = await Promise.all([accountProfile(portal, portal.account.id), invitationsForMe(portal)]);
  const nav: SidebarProps = {
    email: portal.actor.email,
    account: { id: portal.account.id, name: portal.account.name, role: portal.account.role, parentId: portal.account.parentId },
    accounts: portal.accounts.map((a) => ({ id: a.id, name: a.name, role: a.role, parentId: a.parentId })),
    customer: profile.hasDevices && !profile.hasEscrow,
    invitations: invitations.map((i) => ({ id: i._id, companyName: i.company_name ?? "", role: i.role })),
  };
  return (
    <div className="min-h-screen lg:flex">
      <Sidebar {...nav} />
      <MobileNav {...nav} />
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
        <div className="mx-auto max-w-7xl">{children}</div>
      </main>
    </div>
  );
}
