import { LogOut } from "lucide-react";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { StatusBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/page";
import { userWithMemberships } from "@/lib/accounts/sessions";
import { getPortal } from "@/lib/auth/portal";
import { signOutEverywhereAction } from "./actions";

export const metadata = { title: "Profile" };

export default async function ProfilePage() {
  const { db, actor, accounts } = await getPortal();
  const me = await userWithMemberships(db, actor.userId);
  const name = [me.first_name, me.last_name].filter(Boolean).join(" ");
  return (
    <>
      <PageHeader title="Profile" description="Your sign-in, your password and where you are signed in." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="You">
          <dl className="space-y-4 text-sm">
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Name</dt>
              <dd className="mt-1 text-slate-900">{name || "—"}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Email</dt>
              <dd className="mt-1 break-all text-slate-900" data-testid="profile-email">
                {me.email}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Accounts</dt>
              <dd className="mt-1">
                <ul className="space-y-1">
                  {accounts.map((a) => (
                    <li key={a.id} className="flex flex-wrap items-center gap-2 text-slate-900">
                      <span className="break-words">{a.name}</span>
                      <StatusBadge status={a.role} />
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          </dl>
        </Card>
        <Card title="Sessions">
          <p className="text-sm text-slate-600">
            Signed in somewhere you no longer use? Signing out everywhere ends every browser session and every session token of yours — this one too.
            Permanent API tokens keep working; revoke them under Settings → API tokens.
          </p>
          <form action={signOutEverywhereAction} className="mt-4">
            <Button type="submit" variant="secondary">
              <LogOut className="h-4 w-4" /> Sign out everywhere
            </Button>
          </form>
        </Card>
        <Card title="Change password" className="lg:col-span-2">
          <p className="mb-4 text-sm text-slate-600">Changing it signs you out everywhere else; this browser stays signed in.</p>
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
