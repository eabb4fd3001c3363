"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { createTransferRuleAction } from "@/app/(portal)/settings/trusted-senders/actions";
import { DeviceTypeOptions } from "@/components/device-types/device-type-options";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogRoot, DialogSubmit, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useActionDialog } from "@/components/ui/use-action-dialog";

const FIELDS = ["from_company_id", "device_type_id"] as const;

/** Trust a partner (or, by its exact id, any other account) to have its requests accepted at once. */
export function TrustSenderDialog({ partners, deviceTypes }: { partners: { id: string; name: string }[]; deviceTypes: { id: string; name: string; model: string }[] }) {
  const [partner, setPartner] = useState(partners[0]?.id ?? "");
  const [otherId, setOtherId] = useState("");
  const [typeId, setTypeId] = useState("");
  const d = useActionDialog<unknown>();
  const byId = partner === "other" || partners.length === 0;
  const sender = byId ? otherId.trim() : partner;
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="h-4 w-4" aria-hidden="true" /> Trust a sender
        </Button>
      </DialogTrigger>
      <DialogContent title="Trust a sender" description="Their transfer requests to this account will be accepted automatically.">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            d.run(
              () => createTransferRuleAction({ from_company_id: sender, device_type_id: typeId || null }),
              () => d.setOpen(false),
            );
          }}
        >
          {partners.length ? (
            <Field label="Sender" htmlFor="rule-sender" hint="Partners: accounts you have exchanged transfers with." errors={byId ? undefined : d.fieldErrors("from_company_id")}>
              <Select id="rule-sender" value={partner} onChange={(e) => setPartner(e.target.value)}>
                {partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                <option value="other">Another account, by its id…</option>
              </Select>
            </Field>
          ) : null}
          {byId ? (
            <Field label="Sender account id" htmlFor="rule-sender-id" hint="The exact id of the sending account." errors={d.fieldErrors("from_company_id")}>
              <Input id="rule-sender-id" value={otherId} onChange={(e) => setOtherId(e.target.value)} className="font-mono" autoComplete="off" spellCheck={false} required />
            </Field>
          ) : null}
          <Field label="Devices arrive as (optional)" htmlFor="rule-type" hint="One of your device types; without one, the sender's type is copied (or an earlier copy reused)." errors={d.fieldErrors("device_type_id")}>
            <Select id="rule-type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
              <option value="">The sender&apos;s type</option>
              <DeviceTypeOptions types={deviceTypes} />
            </Select>
          </Field>
          <FormError messages={d.general(FIELDS)} />
          <DialogSubmit label="Trust sender" pendingLabel="Saving…" pending={d.pending} disabled={!sender} />
        </form>
      </DialogContent>
    </DialogRoot>
  );
}
