"use client";

import { ArrowLeftRight, Building2, CheckCircle2, Loader2, Search, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { createTransferAction, lookupCompanyAction, transferDeviceTypesAction } from "@/app/(portal)/transfers/actions/create";
import { Button, buttonClass } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { type RecentDestination, readRecentDestinations, rememberDestination } from "./recent-destinations";

type TypeOption = { id: string; name: string; model: string };

/**
 * The "Transfer…" action of the escrow-devices table: opens the transfer dialog for the selected
 * escrow devices. The destination is confirmed by name before anything is sent.
 */
export function TransferButton({ accountId, selectedIds, onDone }: { accountId: string; selectedIds: string[]; onDone?: () => void }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  // onDone (which may clear the selection and unmount this button) waits until the confirmation
  // has been read and closed, so the link to the new transfer stays on screen.
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next && sent) {
      setSent(false);
      onDone?.();
    }
  };
  return (
    <DialogRoot open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="primary" disabled={selectedIds.length === 0}>
          <ArrowLeftRight className="h-4 w-4" aria-hidden="true" />
          Transfer…
        </Button>
      </DialogTrigger>
      {open ? <TransferDialog accountId={accountId} selectedIds={selectedIds} onSent={() => setSent(true)} /> : null}
    </DialogRoot>
  );
}

function TransferDialog({ accountId, selectedIds, onSent }: { accountId: string; selectedIds: string[]; onSent: () => void }) {
  const [destinationId, setDestinationId] = useState("");
  const [destination, setDestination] = useState<RecentDestination | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecentDestination[]>([]);
  const [types, setTypes] = useState<TypeOption[] | null>(null);
  const [typeId, setTypeId] = useState("");
  const [expires, setExpires] = useState("");
  const [failure, setFailure] = useState<{ title: string; items: string[] } | null>(null);
  const [created, setCreated] = useState<{ id: string; deviceCount: number } | null>(null);
  const [looking, startLookup] = useTransition();
  const [sending, startSend] = useTransition();
  const count = selectedIds.length;

  useEffect(() => {
    setRecent(readRecentDestinations());
    transferDeviceTypesAction(accountId).then((r) => {
      if (r.ok) {
        setTypes(r.data);
        if (r.data.length === 1) setTypeId(r.data[0].id);
      } else setTypes([]);
    });
  }, [accountId]);

  function lookup(id: string) {
    const wanted = id.trim();
    setDestination(null);
    setLookupError(null);
    if (!wanted) return;
    startLookup(async () => {
      const r = await lookupCompanyAction(wanted);
      if (r.ok) {
        if (r.data._id === accountId) setLookupError("That is this account. Choose another account to transfer to.");
        else setDestination({ id: r.data._id, name: r.data.name });
      } else setLookupError(r.code === "not_found" ? "No account with this id. Ask the customer for the account id shown in their settings." : r.message);
    });
  }

  function submit() {
    if (!destination || !typeId) return;
    setFailure(null);
    startSend(async () => {
      const r = await createTransferAction({
        to_company_id: destination.id,
        device_type_id: typeId,
        escrow_device_ids: selectedIds,
        expires_at: expires ? `${expires}T23:59:59Z` : null,
      });
      if (r.ok) {
        rememberDestination(destination);
        setCreated(r.data);
        onSent();
      } else setFailure({ title: r.message, items: r.messages.filter((m) => m !== r.message) });
    });
  }

  if (created) {
    return (
      <DialogContent title="Transfer request sent">
        <div className="flex items-start gap-3 rounded-md bg-emerald-50 p-4 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
          <CheckCircle2 className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" aria-hidden="true" />
          <p>
            {created.deviceCount.toLocaleString("en-US")} escrow device{created.deviceCount === 1 ? " was" : "s were"} offered to{" "}
            <strong>{destination?.name}</strong>. Their admins will see it in their incoming transfers.
          </p>
        </div>
        <div className="mt-6 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
          <Link href={`/transfers/${created.id}`} className={buttonClass("primary")}>
            View transfer
          </Link>
        </div>
      </DialogContent>
    );
  }

  const minDate = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return (
    <DialogContent
      title="Transfer escrow devices"
      description={`Offer ${count.toLocaleString("en-US")} selected escrow device${count === 1 ? "" : "s"} to another account. Nothing moves until one of its admins accepts.`}
    >
      <form
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (!destination) lookup(destinationId);
          else submit();
        }}
      >
        <Field label="Destination account" htmlFor="transfer-destination" hint="The id of the customer's account (they find it in their settings).">
          <div className="flex gap-2">
            <Input
              id="transfer-destination"
              value={destinationId}
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. 5f1c0a9e3b2d4c6e8a0b1c2d"
              className="font-mono"
              onChange={(e) => {
                setDestinationId(e.target.value);
                setDestination(null);
                setLookupError(null);
              }}
              onBlur={() => destinationId.trim() && !destination && lookup(destinationId)}
            />
            <Button variant="secondary" className="shrink-0 whitespace-nowrap" onClick={() => lookup(destinationId)} disabled={!destinationId.trim() || looking}>
              {looking ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden="true" /> : <Search className="h-4 w-4" aria-hidden="true" />}
              Look up
            </Button>
          </div>
        </Field>
        {recent.length && !destination ? (
          <div className="-mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            <span>Recent:</span>
            {recent.map((d) => (
              <button
                key={d.id}
                type="button"
                className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-200"
                onClick={() => {
                  setDestinationId(d.id);
                  lookup(d.id);
                }}
              >
                {d.name}
              </button>
            ))}
          </div>
        ) : null}
        {destination ? (
          <output className="-mt-2 flex items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ring-1 ring-inset ring-indigo-200">
            <Building2 className="h-4 w-4 text-indigo-600" aria-hidden="true" />
            <span>
              Sending to <strong>{destination.name}</strong>
            </span>
          </output>
        ) : null}
        {lookupError ? (
          <p role="alert" className="-mt-2 text-sm font-medium text-red-600">
            {lookupError}
          </p>
        ) : null}

        <Field label="Device type" htmlFor="transfer-device-type" hint="The destination receives this type (or a type it already has — their admin decides on accept).">
          <Select id="transfer-device-type" value={typeId} onChange={(e) => setTypeId(e.target.value)} disabled={!types}>
            <option value="">{types ? (types.length ? "Choose a device type…" : "No device types yet — create one first") : "Loading…"}</option>
            {types?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.model})
              </option>
            ))}
          </Select>
        </Field>

        <Field label="Expires on (optional)" htmlFor="transfer-expires" hint="Unanswered requests expire at the end of this day (UTC) and free their devices.">
          <Input id="transfer-expires" type="date" min={minDate} value={expires} onChange={(e) => setExpires(e.target.value)} />
        </Field>

        {failure ? (
          <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-inset ring-red-200">
            <p className="flex items-center gap-2 font-semibold">
              <TriangleAlert className="h-4 w-4 shrink-0" aria-hidden="true" />
              {failure.title.charAt(0).toUpperCase() + failure.title.slice(1)}
            </p>
            {failure.items.length ? (
              <ul className="mt-1.5 max-h-40 list-inside list-disc space-y-0.5 overflow-y-auto pl-1">
                {failure.items.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <div className="flex items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <p className="text-sm text-slate-600">
            <strong className="text-slate-900">{count.toLocaleString("en-US")}</strong> escrow device{count === 1 ? "" : "s"}
          </p>
          <div className="flex gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={!destination || !typeId || sending}>
              {sending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden="true" /> : null}
              Send transfer request
            </Button>
          </div>
        </div>
      </form>
    </DialogContent>
  );
}
