"use client";

import { AlertTriangle, UserPlus } from "lucide-react";
import { useState, useTransition } from "react";
import { inviteMemberAction } from "@/app/(portal)/settings/members/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";

interface Sent {
  email: string;
  role: string;
  inviteUrl: string;
}

export function InviteMemberDialog({ accountName }: { accountName: string }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<{ messages: string[]; fields: Record<string, string[]> } | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);

  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setErrors(null);
          setSent(null);
        }
      }}
    >
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
            <div className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
              <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" />
              Copy it now: it will not be shown again. Lost it? Invite the same email again for a new link.
            </div>
            <div className="flex items-center gap-2">
              <code data-testid="invite-url" className="block min-w-0 flex-1 break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-300">
                {sent.inviteUrl}
              </code>
              <CopyButton value={sent.inviteUrl} />
            </div>
            <div className="flex justify-end">
              <Button onClick={() => setOpen(false)}>Done</Button>
            </div>
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              start(async () => {
                const r = await inviteMemberAction({ email: String(f.get("email") ?? ""), role: String(f.get("role") ?? "") });
                if (r.ok) setSent({ email: r.data.email, role: r.data.role, inviteUrl: r.data.inviteUrl });
                else setErrors({ messages: r.messages.length ? r.messages : [r.message], fields: r.fieldErrors });
              });
            }}
          >
            <Field label="Email" htmlFor="invite-email" errors={errors?.fields.email}>
              <Input id="invite-email" name="email" type="email" required autoComplete="off" />
            </Field>
            <Field label="Role" htmlFor="invite-role" errors={errors?.fields.role}>
              <Select id="invite-role" name="role" defaultValue="member">
                <option value="viewer">Viewer — read only</option>
                <option value="member">Member — manage devices and outgoing transfers</option>
                <option value="admin">Admin — everything, incl. accepting transfers</option>
              </Select>
            </Field>
            {errors && !Object.keys(errors.fields).length ? <FormError messages={errors.messages} /> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create invitation"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
