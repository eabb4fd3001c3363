"use client";

import { Mail } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { switchAccountAction } from "@/app/(portal)/account-actions";
import { acceptInvitationAction, declineInvitationAction } from "@/app/(portal)/invitation-actions";

export interface SwitcherAccount {
  id: string;
  name: string;
  role: string;
  parentId?: string | null;
}

export interface SwitcherInvitation {
  id: string;
  companyName: string;
  role: string;
}

/** Accounts in tree order (each parent followed by its sub-accounts), with their depth. */
function treeOrder(accounts: SwitcherAccount[]): { account: SwitcherAccount; depth: number }[] {
  const ids = new Set(accounts.map((a) => a.id));
  const children = new Map<string, SwitcherAccount[]>();
  const roots: SwitcherAccount[] = [];
  for (const a of accounts) {
    if (a.parentId && ids.has(a.parentId)) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
    else roots.push(a);
  }
  const out: { account: SwitcherAccount; depth: number }[] = [];
  const walk = (a: SwitcherAccount, depth: number) => {
    out.push({ account: a, depth });
    for (const c of children.get(a.id) ?? []) if (depth < 16) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

export function AccountSwitcher({
  current,
  accounts,
  invitations = [],
}: {
  current: SwitcherAccount;
  accounts: SwitcherAccount[];
  invitations?: SwitcherInvitation[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const parent = current.parentId ? accounts.find((a) => a.id === current.parentId) : undefined;
  return (
    <div className="space-y-3">
      {accounts.length < 2 ? (
        <div className="rounded-md bg-slate-800/60 px-3 py-2">
          <p className="text-xs text-slate-400">Account</p>
          <p className="break-words text-sm font-medium text-white">{current.name}</p>
        </div>
      ) : (
        <div>
          <label htmlFor="account-switcher" className="mb-1 block text-xs text-slate-400">
            Account
          </label>
          <select
            id="account-switcher"
            aria-label="Switch account"
            title={current.name}
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
            {treeOrder(accounts).map(({ account: a, depth }) => (
              <option key={a.id} value={a.id} label={a.name} title={a.name}>
                {`${"\u00a0\u00a0".repeat(depth)}${depth ? "↳ " : ""}${a.name}`}
              </option>
            ))}
          </select>
          {parent ? (
            <p className="mt-1 break-words text-xs text-slate-400" data-testid="account-parent">
              <span className="text-slate-200">{current.name}</span> is a sub-account of {parent.name}
            </p>
          ) : null}
        </div>
      )}
      {invitations.length ? <PendingInvitations invitations={invitations} /> : null}
    </div>
  );
}

/** Pending invitations with Accept / Decline (in the switcher, and on the no-account page). */
export function PendingInvitations({ invitations, afterAccept }: { invitations: SwitcherInvitation[]; afterAccept?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<{ ok: boolean; message?: string }>, go?: string) =>
    start(async () => {
      const r = await fn();
      if (r.ok) {
        setError(null);
        if (go) router.push(go);
        else router.refresh();
      } else setError(r.message ?? "That did not work.");
    });
  return (
    <section aria-label="Invitations" className="rounded-md bg-indigo-950/60 p-3 ring-1 ring-indigo-800">
      <p className="mb-2 flex items-center gap-1.5 text-xs font-semibold text-indigo-200">
        <Mail className="h-3.5 w-3.5" /> {invitations.length === 1 ? "An invitation" : `${invitations.length} invitations`}
      </p>
      <ul className="space-y-3">
        {invitations.map((i) => (
          <li key={i.id} className="text-sm text-white">
            <p className="break-words">
              Join <span className="font-medium">{i.companyName}</span> as {i.role}
            </p>
            <div className="mt-1.5 flex gap-2">
              <button
                type="button"
                disabled={pending}
                aria-label={`Accept the invitation to ${i.companyName}`}
                className="rounded bg-indigo-500 px-2 py-1 text-xs font-semibold text-white hover:bg-indigo-400 disabled:opacity-50"
                onClick={() => act(() => acceptInvitationAction(i.id), afterAccept)}
              >
                Accept
              </button>
              <button
                type="button"
                disabled={pending}
                aria-label={`Decline the invitation to ${i.companyName}`}
                className="rounded px-2 py-1 text-xs font-semibold text-indigo-200 ring-1 ring-indigo-700 hover:bg-indigo-900 disabled:opacity-50"
                onClick={() => act(() => declineInvitationAction(i.id))}
              >
                Decline
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="mt-2 text-xs text-red-300">
          {error}
        </p>
      ) : null}
    </section>
  );
}
