import Link from "next/link";
import type { ReactNode } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { InviteDecision } from "@/components/invite/invite-decision";
import { InviteSignUpForm } from "@/components/invite/invite-sign-up-form";
import { getDb } from "@/db/client";
import { invitationByToken } from "@/lib/accounts/invitation-decide";
import { getSignedInUser } from "@/lib/auth/portal";
import { signOutToInviteAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitation", robots: { index: false } };

const ENDED: Record<string, { title: string; body: string }> = {
  accepted: { title: "This invitation was already used", body: "It has been accepted. If that was you, sign in to reach the account." },
  declined: { title: "This invitation was declined", body: "Ask the admin who invited you for a new invitation if you changed your mind." },
  revoked: { title: "This invitation was withdrawn", body: "An admin revoked it, or sent a newer invitation to the same address. Ask them for a new link." },
  expired: { title: "This invitation has expired", body: "Invitation links work for 7 days. Ask the admin who invited you for a new one." },
};

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold text-slate-900">{title}</h1>
      <div className="space-y-4 text-sm text-slate-600">{children}</div>
    </>
  );
}

/**
 * `/invite/<token>`: whoever holds the link sees which account invites which address, then signs
 * in or creates their login with that address and joins. Nothing here depends on whether the
 * address already has a login.
 */
export default async function InvitePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ as?: string }> }) {
  const { token } = await params;
  const { as } = await searchParams;
  const found = await invitationByToken(await getDb(), token);
  if (!found) {
    return (
      <Notice title="This invitation link is not valid">
        <p>It may be mistyped or incomplete. Copy the whole link from the message you received, or ask the admin who invited you for a new one.</p>
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-600">
          Go to sign in
        </Link>
      </Notice>
    );
  }
  const { invitation, companyName, status } = found;
  if (status !== "pending") {
    const ended = ENDED[status];
    return (
      <Notice title={ended.title}>
        <p>{ended.body}</p>
        <Link href="/sign-in" className="inline-block font-semibold text-indigo-600">
          Go to sign in
        </Link>
      </Notice>
    );
  }
  const heading = (
    <div className="mb-6">
      <p className="text-xs font-semibold uppercase tracking-wide text-indigo-600">Invitation</p>
      <h1 className="mt-1 break-words text-xl font-semibold text-slate-900">Join {companyName}</h1>
      <p className="mt-1 text-sm text-slate-600">
        <span className="break-all font-medium text-slate-900">{invitation.email}</span> is invited as <span className="font-medium">{invitation.role}</span>.
      </p>
    </div>
  );
  const me = await getSignedInUser();
  if (me && me.actor.email === invitation.email) {
    return (
      <>
        {heading}
        <InviteDecision token={token} companyName={companyName} />
      </>
    );
  }
  if (me) {
    return (
      <>
        {heading}
        <p className="mb-4 text-sm text-slate-600">
          You are signed in as <span className="break-all font-medium text-slate-900">{me.actor.email}</span>. Only {invitation.email} can accept this invitation.
        </p>
        <form action={signOutToInviteAction}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
            Sign out and continue as {invitation.email}
          </button>
        </form>
      </>
    );
  }
  const here = `/invite/${encodeURIComponent(token)}`;
  if (as === "new") {
    return (
      <>
        {heading}
        <p className="mb-4 text-sm font-medium text-slate-900">Create your Handoff login</p>
        <InviteSignUpForm token={token} email={invitation.email} />
        <p className="mt-6 text-center text-sm text-slate-600">
          Already have a Handoff login?{" "}
          <Link href={here} className="font-semibold text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      {heading}
      <p className="mb-4 text-sm font-medium text-slate-900">Sign in to accept</p>
      <SignInForm next={here} email={invitation.email} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Handoff?{" "}
        <Link href={`${here}?as=new`} className="font-semibold text-indigo-600 hover:text-indigo-500">
          Create your login
        </Link>
      </p>
    </>
  );
}
