"use client";

import { UserPlus } from "lucide-react";
import { useState, useTransition } from "react";
import { inviteMemberAction } from "@/app/(portal)/settings/members/actions";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";

export function InviteMemberDialog() {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<{ messages: string[]; fields: Record<string, string[]> } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setErrors(null);
          setDone(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <UserPlus className="h-4 w-4" /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent title="Invite a member" description="Add an existing Handoff user by email, or create a user with a temporary password.">
        {done ? (
          <div className="space-y-4">
            <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200">{done} is now a member of this account.</p>
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
                const r = await inviteMemberAction({
                  email: String(f.get("email") ?? ""),
                  role: String(f.get("role") ?? ""),
                  password: String(f.get("password") ?? ""),
                });
                if (r.ok) setDone(r.data.email);
                else setErrors({ messages: r.messages.length ? r.messages : [r.message], fields: r.fieldErrors });
              });
            }}
          >
            <Field label="Email" htmlFor="invite-email" errors={errors?.fields.email}>
              <Input id="invite-email" name="email" type="email" required />
            </Field>
            <Field label="Role" htmlFor="invite-role" errors={errors?.fields.role}>
              <Select id="invite-role" name="role" defaultValue="member">
                <option value="viewer">Viewer — read only</option>
                <option value="member">Member — manage devices and outgoing transfers</option>
                <option value="admin">Admin — everything, incl. accepting transfers</option>
              </Select>
            </Field>
            <Field label="Temporary password" htmlFor="invite-password" hint="Only needed when the email has no Handoff account yet (10 characters or more)." errors={errors?.fields.password}>
              <Input id="invite-password" name="password" type="password" autoComplete="new-password" />
            </Field>
            {errors && !Object.keys(errors.fields).length ? <FormError messages={errors.messages} /> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Inviting…" : "Send invite"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </DialogRoot>
  );
}
