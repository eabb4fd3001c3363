"use client";

import { Activity, ArrowLeftRight, BookOpen, Boxes, Cpu, LayoutDashboard, LogOut, Menu, PackageCheck, Settings, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Dialog as D } from "radix-ui";
import { type ReactNode, useEffect, useState } from "react";
import { signOutAction } from "@/app/(portal)/account-actions";
import { PendingIncomingBadge } from "@/components/transfers/pending-incoming-badge";
import { cn } from "@/components/ui/cn";
import { AccountSwitcher, type SwitcherAccount, type SwitcherInvitation } from "./account-switcher";
import { Logo } from "./logo";

interface NavItem {
  href: string;
  label: string;
  icon: ReactNode;
  badge?: boolean;
}

const ITEMS: Record<string, NavItem> = {
  overview: { href: "/", label: "Overview", icon: <LayoutDashboard className="h-4 w-4" /> },
  escrow: { href: "/escrow-devices", label: "Escrow devices", icon: <PackageCheck className="h-4 w-4" /> },
  transfers: { href: "/transfers", label: "Transfers", icon: <ArrowLeftRight className="h-4 w-4" />, badge: true },
  devices: { href: "/devices", label: "Devices", icon: <Cpu className="h-4 w-4" /> },
  types: { href: "/device-types", label: "Device types", icon: <Boxes className="h-4 w-4" /> },
  activity: { href: "/activity", label: "Activity", icon: <Activity className="h-4 w-4" /> },
  settings: { href: "/settings", label: "Settings", icon: <Settings className="h-4 w-4" /> },
};

/**
 * A manufacturer works from its escrow devices; a customer (devices but no escrow devices) from
 * its transfers and devices, with the manufacturer tools kept at the end under their own heading.
 */
function sections(customer: boolean): { heading?: string; items: NavItem[] }[] {
  const { overview, escrow, transfers, devices, types, activity, settings } = ITEMS;
  if (!customer) return [{ items: [overview, escrow, transfers, devices, types, activity, settings] }];
  return [{ items: [overview, transfers, devices, types, activity, settings] }, { heading: "Shipping gateways", items: [escrow] }];
}

export interface SidebarProps {
  email: string;
  account: SwitcherAccount;
  accounts: SwitcherAccount[];
  customer: boolean;
  /** Pending invitations addressed to the user, shown (with Accept / Decline) under the switcher. */
  invitations?: SwitcherInvitation[];
}

function NavContent({ email, account, accounts, customer, invitations }: SidebarProps) {
  const path = usePathname();
  return (
    <>
      <AccountSwitcher current={account} accounts={accounts} invitations={invitations} />
      <nav aria-label="Main" className="mt-6 flex-1 space-y-4">
        {sections(customer).map((s) => (
          <div key={s.heading ?? "main"} className="space-y-1">
            {s.heading ? <p className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{s.heading}</p> : null}
            {s.items.map((item) => {
              const active = item.href === "/" ? path === "/" : path === item.href || path.startsWith(`${item.href}/`);
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
                    active ? "bg-slate-800 text-white" : "hover:bg-slate-800/60 hover:text-white",
                  )}
                >
                  {item.icon}
                  <span className="flex-1">{item.label}</span>
                  {item.badge ? <PendingIncomingBadge accountId={account.id} /> : null}
                </Link>
              );
            })}
          </div>
        ))}
      </nav>
      <a href="/docs" className="mt-4 flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-800/60 hover:text-white">
        <BookOpen className="h-4 w-4" />
        API reference
      </a>
      <div className="mt-3 border-t border-slate-800 pt-4">
        <Link href="/profile" className="block truncate rounded px-2 text-sm text-white hover:bg-slate-800" title={`${email} — your profile`}>
          {email}
        </Link>
        <p className="px-2 text-xs text-slate-400">
          <span className="capitalize">{account.role}</span> in {account.name}
        </p>
        <form action={signOutAction} className="mt-3">
          <button type="submit" className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-800 hover:text-white">
            <LogOut className="h-4 w-4" /> Sign out
          </button>
        </form>
      </div>
    </>
  );
}

/** The fixed sidebar on wide screens (lg and up). */
export function Sidebar(props: SidebarProps) {
  return (
    <aside className="sticky top-0 hidden h-screen w-64 shrink-0 flex-col overflow-y-auto bg-slate-900 px-4 py-5 text-slate-300 lg:flex">
      <Link href="/" className="mb-6 px-2 [&_span]:text-white" aria-label="Handoff overview">
        <Logo />
      </Link>
      <NavContent {...props} />
    </aside>
  );
}

/** Below lg: a top bar with a Menu button that opens the same navigation in a drawer. */
export function MobileNav(props: SidebarProps) {
  const [open, setOpen] = useState(false);
  const path = usePathname();
  useEffect(() => setOpen(false), [path]);
  return (
    <header className="sticky top-0 z-30 flex items-center justify-between gap-3 bg-slate-900 px-4 py-3 text-slate-300 lg:hidden">
      <Link href="/" className="[&_span]:text-white" aria-label="Handoff overview">
        <Logo />
      </Link>
      <D.Root open={open} onOpenChange={setOpen}>
        <D.Trigger className="inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-white ring-1 ring-slate-700 hover:bg-slate-800">
          <Menu className="h-4 w-4" aria-hidden="true" /> Menu
          <PendingIncomingBadge accountId={props.account.id} />
        </D.Trigger>
        <D.Portal>
          <D.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
          <D.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto bg-slate-900 px-4 py-5 text-slate-300 shadow-2xl">
            <div className="mb-6 flex items-center justify-between px-2 [&_span]:text-white">
              <Logo />
              <D.Close className="rounded-md p-1 text-slate-400 hover:bg-slate-800 hover:text-white" aria-label="Close menu">
                <X className="h-5 w-5" />
              </D.Close>
            </div>
            <D.Title className="sr-only">Navigation</D.Title>
            <D.Description className="sr-only">The portal's pages and your account</D.Description>
            <NavContent {...props} />
          </D.Content>
        </D.Portal>
      </D.Root>
    </header>
  );
}
