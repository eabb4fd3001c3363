"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/settings/members", label: "Members" },
  { href: "/settings/api-tokens", label: "API tokens" },
  { href: "/settings/sub-accounts", label: "Sub-accounts" },
  { href: "/settings/trusted-senders", label: "Trusted senders" },
  { href: "/settings/webhooks", label: "Webhooks" },
];

export function SettingsTabs() {
  const path = usePathname();
  const nav = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: bring the current one into view.
  useEffect(() => {
    const el = nav.current;
    const active = el?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!el || !active) return;
    if (active.offsetLeft + active.offsetWidth > el.scrollLeft + el.clientWidth || active.offsetLeft < el.scrollLeft) el.scrollLeft = active.offsetLeft - 16;
  }, [path]);
  return (
    <nav ref={nav} aria-label="Settings" className="relative -mx-4 flex gap-6 overflow-x-auto whitespace-nowrap border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={path === t.href ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-1 pb-3 text-sm font-medium",
            path === t.href ? "border-indigo-600 text-indigo-600" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
