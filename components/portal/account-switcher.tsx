"use client";

import { Check, ChevronsUpDown, CornerDownRight, Loader2, Mail } from "lucide-react";
import { useRouter } from "next/navigation";
import { DropdownMenu as M } from "radix-ui";
import { switchAccountAction } from "@/app/(portal)/account-actions";
import { acceptInvitationAction, declineInvitationAction } from "@/app/(portal)/invitation-actions";
import { useActionDialog } from "@/components/ui/use-action-dialog";
import type { ActionResult } from "@/lib/http/action-result";

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
          <p className="mb-1 text-xs text-slate-400">Account</p>
          <AccountMenu current={current} accounts={accounts} />
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

/**
 * The current account as a button that opens a menu of every account, names in full (wrapped,
 * never cut off) and each sub-account indented under its parent; arrows, Enter and Escape work.
 */
function AccountMenu({ current, accounts }: { current: SwitcherAccount; accounts: SwitcherAccount[] }) {
  const router = useRouter();
  const d = useActionDialog<unknown>();
  const { pending } = d;
  const error = d.errors?.messages.join(" ");
  const choose = (id: string) => {
    if (id !== current.id) d.run(() => switchAccountAction(id), () => router.refresh());
  };
  return (
    <>
      <M.Root>
        <M.Trigger
          aria-label={`Switch account: ${current.name}`}
          disabled={pending}
          className="flex w-full items-start justify-between gap-2 rounded-md bg-slate-800 px-3 py-2 text-left text-sm font-medium text-white ring-1 ring-inset ring-slate-700 hover:bg-slate-700/70 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-70 data-[state=open]:ring-indigo-500"
        >
          <span className="min-w-0 break-words">{current.name}</span>
          {pending ? (
            <Loader2 className="mt-0.5 h-4 w-4 shrink-0 animate-spin text-slate-400" aria-hidden="true" />
          ) : (
            <ChevronsUpDown className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden="true" />
          )}
        </M.Trigger>
        <M.Portal>
          <M.Content
            align="start"
            sideOffset={6}
            collisionPadding={8}
            className="z-[60] max-h-[var(--radix-dropdown-menu-content-available-height)] w-[var(--radix-dropdown-menu-trigger-width)] min-w-60 max-w-[calc(100vw-1rem)] overflow-y-auto rounded-lg bg-white p-1 text-slate-900 shadow-xl ring-1 ring-slate-200 focus:outline-none"
          >
            <M.Label className="px-2 pb-1 pt-1.5 text-xs font-medium text-slate-500">Switch account</M.Label>
            <M.RadioGroup value={current.id} onValueChange={choose}>
              {treeOrder(accounts).map(({ account: a, depth }) => (
                <M.RadioItem
                  key={a.id}
                  value={a.id}
                  style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}
                  className="flex cursor-pointer select-none items-start gap-1.5 rounded-md py-2 pr-2 text-sm outline-none data-[highlighted]:bg-indigo-50 data-[state=checked]:font-medium data-[highlighted]:text-indigo-900"
                >
                  {depth ? <CornerDownRight className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden="true" /> : null}
                  <span className="min-w-0 flex-1 break-words">{a.name}</span>
                  <M.ItemIndicator className="mt-0.5 shrink-0 text-indigo-600">
                    <Check className="h-4 w-4" aria-hidden="true" />
                  </M.ItemIndicator>
                </M.RadioItem>
              ))}
            </M.RadioGroup>
          </M.Content>
        </M.Portal>
      </M.Root>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-300">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Pending invitations with Accept / Decline (in the switcher, and on the no-account page). */
export function PendingInvitations({ invitations, afterAccept }: { invitations: SwitcherInvitation[]; afterAccept?: string }) {
  const router = useRouter();
  const d = useActionDialog<unknown>();
  const { pending } = d;
  const error = d.errors?.messages.join(" ");
  const act = (fn: () => Promise<ActionResult<unknown>>, go?: string) => d.run(fn, () => (go ? router.push(go) : router.refresh()));
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
