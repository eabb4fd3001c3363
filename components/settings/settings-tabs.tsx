"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
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
  // Which edges hide more tabs: they fade there, so a phone shows that the bar scrolls.
  const [more, setMore] = useState({ left: false, right: false });
  const measure = useCallback(() => {
    const el = nav.current;
    if (el) setMore({ left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
  }, []);
  // On a phone the tabs scroll sideways: bring the current one into view.
  useEffect(() => {
    const el = nav.current;
    const active = el?.querySelector<HTMLElement>('[aria-current="page"]');
    if (el && active && (active.offsetLeft + active.offsetWidth > el.scrollLeft + el.clientWidth || active.offsetLeft < el.scrollLeft)) el.scrollLeft = active.offsetLeft - 16;
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, [path, measure]);
  const fade = more.left && more.right ? "[mask-image:linear-gradient(to_right,transparent,#000_2.5rem,#000_calc(100%-2.5rem),transparent)]" : more.right ? "[mask-image:linear-gradient(to_right,#000_calc(100%-2.5rem),transparent)]" : more.left ? "[mask-image:linear-gradient(to_right,transparent,#000_2.5rem)]" : "";
  return (
    <nav
      ref={nav}
      aria-label="Settings"
      onScroll={measure}
      data-more={more.left || more.right ? "true" : undefined}
      className={cn("relative -mx-4 flex gap-6 overflow-x-auto whitespace-nowrap border-b border-slate-200 px-4 sm:mx-0 sm:px-0", fade)}
    >
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
