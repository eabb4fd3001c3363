import Link from "next/link";
import { PendingInvitations } from "@/components/portal/account-switcher";
import { invitationsForMe } from "@/lib/accounts/invitations";
import { getSignedInUser } from "@/lib/auth/portal";

export const dynamic = "force-dynamic";

export default async function NoAccount() {
  const me = await getSignedInUser();
  const invitations = me ? await invitationsForMe(me) : [];
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold">You are not a member of any account</h1>
        {invitations.length ? (
          <div className="mt-4 rounded-lg bg-slate-900 p-1 text-left">
            <PendingInvitations invitations={invitations.map((i) => ({ id: i._id, companyName: i.company_name ?? "", role: i.role }))} afterAccept="/" />
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Ask an admin to invite you again, or create a new account.</p>
        )}
        <Link href="/sign-up" className="mt-6 inline-block text-sm font-semibold text-indigo-600">
          Create an account
        </Link>
      </div>
    </main>
  );
}
