"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchAccountAction } from "@/app/(portal)/account-actions";

export interface SwitcherAccount {
  id: string;
  name: string;
  role: string;
}

export function AccountSwitcher({ current, accounts }: { current: SwitcherAccount; accounts: SwitcherAccount[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  if (accounts.length < 2) {
    return (
      <div className="rounded-md bg-slate-800/60 px-3 py-2">
        <p className="text-xs text-slate-400">Account</p>
        <p className="truncate text-sm font-medium text-white">{current.name}</p>
      </div>
    );
  }
  return (
    <div>
      <label htmlFor="account-switcher" className="mb-1 block text-xs text-slate-400">
        Account
      </label>
      <select
        id="account-switcher"
        aria-label="Switch account"
        className="block w-full rounded-md border-0 bg-slate-800 py-2 pl-3 pr-8 text-sm font-medium text-white ring-1 ring-inset ring-slate-700 focus:ring-2 focus:ring-indigo-500"
        value={current.id}
        disabled={pending}
        onChange={(e) => {
          const id = e.target.value;
          start(async () => {
            const r = await switchAccountAction(id);
            if (r.ok) router.refresh();
          });
        }}
      >
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}
