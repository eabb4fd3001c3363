"use client";

import { UserPlus } from "lucide-react";
import { inviteMemberAction } from "@/app/(portal)/settings/members/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogDone, DialogRoot, DialogSubmit, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useActionDialog } from "@/components/ui/use-action-dialog";

interface Sent {
  email: string;
  role: string;
  inviteUrl: string;
}

export function InviteMemberDialog({ accountName }: { accountName: string }) {
  const d = useActionDialog<Sent>();
  const sent = d.result;
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <UserPlus className="h-4 w-4" /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent
        title={sent ? "Invitation created" : "Invite a member"}
        description={sent ? undefined : `They join ${accountName} only when they accept. The link works once, for 7 days.`}
      >
        {sent ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">
              Send this link to <span className="font-medium text-slate-900">{sent.email}</span>. Opening it, they sign in (or create their login) with that
              email and join as <span className="font-medium">{sent.role}</span>.
            </p>
            <OneTimeSecret label="Invitation link" value={sent.inviteUrl} testId="invite-url">
              Copy it now: it will not be shown again. Lost it? Invite the same email again for a new link.
            </OneTimeSecret>
            <DialogDone />
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              d.run(async () => {
                const r = await inviteMemberAction({ email: String(f.get("email") ?? ""), role: String(f.get("role") ?? "") });
                return r.ok ? { ok: true as const, data: { email: r.data.email, role: r.data.role, inviteUrl: r.data.inviteUrl } } : r;
              });
            }}
          >
            <Field label="Email" htmlFor="invite-email" errors={d.fieldErrors("email")}>
              <Input id="invite-email" name="email" type="email" required autoComplete="off" />
            </Field>
            <Field label="Role" htmlFor="invite-role" errors={d.fieldErrors("role")}>
              <Select id="invite-role" name="role" defaultValue="member">
                <option value="viewer">Viewer — read only</option>
                <option value="member">Member — manage devices and outgoing transfers</option>
                <option value="admin">Admin — everything, incl. accepting transfers</option>
              </Select>
            </Field>
            <FormError messages={d.general(["email", "role"])} />
            <DialogSubmit label="Create invitation" pendingLabel="Creating…" pending={d.pending} />
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
