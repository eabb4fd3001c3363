"use client";

import { Activity, ArrowLeftRight, BookOpen, Boxes, Cpu, LogOut, PackageCheck, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/(portal)/account-actions";
import { PendingIncomingBadge } from "@/components/transfers/pending-incoming-badge";
import { cn } from "@/components/ui/cn";
import { AccountSwitcher, type SwitcherAccount } from "./account-switcher";
import { Logo } from "./logo";

const NAV: { href: string; label: string; icon: ReactNode; badge?: boolean }[] = [
  { href: "/escrow-devices", label: "Escrow devices", icon: <PackageCheck className="h-4 w-4" /> },
  { href: "/transfers", label: "Transfers", icon: <ArrowLeftRight className="h-4 w-4" />, badge: true },
  { href: "/devices", label: "Devices", icon: <Cpu className="h-4 w-4" /> },
  { href: "/device-types", label: "Device types", icon: <Boxes className="h-4 w-4" /> },
  { href: "/activity", label: "Activity", icon: <Activity className="h-4 w-4" /> },
  { href: "/settings", label: "Settings", icon: <Settings className="h-4 w-4" /> },
];

export function Sidebar({ email, account, accounts }: { email: string; account: SwitcherAccount; accounts: SwitcherAccount[] }) {
  const path = usePathname();
  return (
    <aside className="sticky top-0 flex h-screen w-64 shrink-0 flex-col bg-slate-900 px-4 py-5 text-slate-300">
      <div className="mb-6 px-2 [&_span]:text-white">
        <Logo />
      </div>
      <AccountSwitcher current={account} accounts={accounts} />
      <nav aria-label="Main" className="mt-6 flex-1 space-y-1">
        {NAV.map((item) => {
          const active = path === item.href || path.startsWith(`${item.href}/`);
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
      </nav>
      <a href="/docs" className="mb-3 flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-800/60 hover:text-white">
        <BookOpen className="h-4 w-4" />
        API reference
      </a>
      <div className="border-t border-slate-800 pt-4">
        <p className="truncate px-2 text-sm text-white" title={email}>
          {email}
        </p>
        <p className="px-2 text-xs text-slate-400">
          <span className="capitalize">{account.role}</span> in {account.name}
        </p>
        <form action={signOutAction} className="mt-3">
          <button type="submit" className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-800 hover:text-white">
            <LogOut className="h-4 w-4" /> Sign out
          </button>
        </form>
      </div>
    </aside>
  );
}
