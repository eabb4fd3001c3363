"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftRight, ClipboardList, Loader2, TriangleAlert, Upload } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { createTransferAction } from "@/app/(portal)/transfers/actions/create";
import { DeviceTypeOptions } from "@/components/device-types/device-type-options";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DialogClose, DialogContent, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { DateInput, Field, FormError, parseIsoDate, Select, Textarea } from "@/components/ui/field";
import { type ActionDialog, useActionDialog } from "@/components/ui/use-action-dialog";
import type { PackingListReport } from "@/lib/transfers/packing-list";
import { parsePackingList } from "@/lib/transfers/parse-packing-list";
import { type Destination, DestinationPicker } from "./destination-picker";
import { portalJson, transferKeys } from "./query-keys";
import { announceSentTransfer } from "./sent-notice";

export interface SelectionItem {
  id: string;
  status: string;
  deviceTypeId: string | null;
}

type TypeOption = { id: string; name: string; model: string };
type Sent = { id: string; deviceCount: number; autoAccepted: boolean };

/**
 * Opens the transfer dialog for a selection of escrow devices (or, without one, for a packing
 * list). The confirmation is announced to <TransferSentNotice>, which outlives the selection.
 */
export function TransferButton({
  accountId,
  selection,
  label = "Transfer…",
  variant = "primary",
  onSent,
}: {
  accountId: string;
  selection: SelectionItem[] | null;
  label?: string;
  variant?: ButtonVariant;
  onSent?: () => void;
}) {
  const d = useActionDialog<Sent>();
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      <DialogTrigger asChild>
        <Button variant={variant} disabled={selection != null && selection.length === 0}>
          {selection ? <ArrowLeftRight className="h-4 w-4" aria-hidden="true" /> : <ClipboardList className="h-4 w-4" aria-hidden="true" />}
          {label}
        </Button>
      </DialogTrigger>
      {d.open ? (
        <TransferDialog
          accountId={accountId}
          selection={selection}
          d={d}
          onSent={() => {
            d.setOpen(false);
            onSent?.();
          }}
        />
      ) : null}
    </DialogRoot>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The fields that show their own errors; the devices' problems go to the general box. */
const FIELDS = ["to_company_id", "device_type_id", "expires_at"] as const;

function TransferDialog({ accountId, selection, d, onSent }: { accountId: string; selection: SelectionItem[] | null; d: ActionDialog<Sent>; onSent: () => void }) {
  const [mode, setMode] = useState<"selection" | "packing">(selection?.length ? "selection" : "packing");
  const [packingText, setPackingText] = useState("");
  const [destination, setDestination] = useState<Destination | null>(null);
  const [typeId, setTypeId] = useState("");
  const [typeTouched, setTypeTouched] = useState(false);
  const [expires, setExpires] = useState("");
  const queryClient = useQueryClient();

  const types = useQuery({ queryKey: transferKeys.deviceTypes(accountId), queryFn: () => portalJson<TypeOption[]>("/api/portal/device-types"), staleTime: 60_000 });
  const parsed = useMemo(() => parsePackingList(packingText), [packingText]);
  const wanted = useDebounced(parsed, 400);
  const check = useQuery({
    queryKey: transferKeys.packingList(accountId, wanted),
    queryFn: ({ signal }) => portalJson<PackingListReport>("/api/portal/transfers/packing-list", { method: "POST", body: { unique_ids: wanted }, signal }),
    enabled: mode === "packing" && wanted.length > 0,
    staleTime: 10_000,
  });
  const report = mode === "packing" && wanted.length > 0 && wanted === parsed ? check.data : undefined;

  const fromSelection = useMemo(() => {
    const items = selection ?? [];
    const ok = items.filter((i) => i.status === "escrowed");
    const counts = new Map<string | null, number>();
    for (const i of ok) counts.set(i.deviceTypeId, (counts.get(i.deviceTypeId) ?? 0) + 1);
    return { ok, blocked: items.length - ok.length, types: [...counts].map(([device_type_id, count]) => ({ device_type_id, count })).sort((a, b) => b.count - a.count) };
  }, [selection]);
  const sendCount = mode === "selection" ? fromSelection.ok.length : (report?.matched.length ?? 0);
  const typeCounts = mode === "selection" ? fromSelection.types : (report?.device_types ?? []);
  const namedTypes = typeCounts.filter((t) => t.device_type_id);
  const namedKey = namedTypes.map((t) => t.device_type_id).join(",");
  const typeName = (id: string | null) => types.data?.find((t) => t.id === id)?.name ?? "no type";

  // The device type is pre-filled from what is being sent (the most common type), until the user picks one.
  useEffect(() => {
    if (typeTouched || !types.data) return;
    const best = namedKey.split(",").find((id) => types.data.some((o) => o.id === id));
    if (best) setTypeId(best);
    else if (types.data.length === 1) setTypeId(types.data[0].id);
  }, [namedKey, types.data, typeTouched]);

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > 2_000_000) return d.fail({ unique_ids: ["That file is over 2 MB; a packing list of 10,000 unique_ids is far smaller."] });
    setPackingText(await file.text());
    d.reset();
  }

  function submit() {
    if (!destination || !typeId || sendCount === 0) return;
    if (expires && !parseIsoDate(expires)) return d.fail({ expires_at: ["must be a date as YYYY-MM-DD"] });
    const ids = mode === "selection" ? { escrow_device_ids: fromSelection.ok.map((i) => i.id) } : { unique_ids: report?.matched.map((m) => m.unique_id) ?? [] };
    d.run(
      () => createTransferAction({ to_company_id: destination.id, device_type_id: typeId, ...ids, expires_at: expires ? `${expires}T23:59:59Z` : null }),
      (sent) => {
        // Partners, badges and activation views change with a new request.
        queryClient.invalidateQueries({ queryKey: transferKeys.all });
        announceSentTransfer({ id: sent.id, deviceCount: sent.deviceCount, destinationName: destination.name, autoAccepted: sent.autoAccepted });
        onSent();
      },
    );
  }

  const minDate = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return (
    <DialogContent title="Transfer escrow devices" description="Offer escrow devices to another account in one request. Nothing moves until one of its admins accepts (or their account trusts yours)." wide>
      <form
        className="space-y-5"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">Devices</legend>
          {selection?.length ? (
            <div role="tablist" aria-label="What to send" className="inline-flex rounded-md bg-slate-100 p-0.5 text-sm">
              {(["selection", "packing"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  role="tab"
                  aria-selected={mode === m}
                  onClick={() => setMode(m)}
                  className={cn("rounded px-3 py-1 font-medium", mode === m ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
                >
                  {m === "selection" ? `Selection (${selection.length.toLocaleString("en-US")})` : "Packing list"}
                </button>
              ))}
            </div>
          ) : null}
          {mode === "selection" ? (
            <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
              <p>
                <strong className="text-slate-900">{plural(fromSelection.ok.length, "escrow device")}</strong> selected and ready to transfer.
              </p>
              {fromSelection.blocked ? (
                <p className="mt-1 text-amber-800">{plural(fromSelection.blocked, "selected device is", "selected devices are")} already pending or transferred and will be left out.</p>
              ) : null}
            </div>
          ) : (
            <div className="space-y-2">
              <Field
                label="Packing list"
                htmlFor="packing-list"
                hint="Paste one unique_id per line, or a CSV with a unique_id column (up to 10,000)."
                errors={d.fieldErrors("unique_ids")}
              >
                <Textarea id="packing-list" rows={5} value={packingText} onChange={(e) => setPackingText(e.target.value)} placeholder={"acme-gw-0001\nacme-gw-0002\n…"} spellCheck={false} />
              </Field>
              <label className="inline-flex cursor-pointer items-center gap-1.5 text-sm font-medium text-indigo-700 hover:text-indigo-600">
                <Upload className="h-4 w-4" aria-hidden="true" />
                Upload a file (CSV or text)
                <input type="file" accept=".csv,.txt,text/csv,text/plain" className="sr-only" onChange={(e) => readFile(e.target.files?.[0])} />
              </label>
              <PackingReport parsed={parsed.length} report={report} loading={parsed.length > 0 && !report && !check.isError} error={check.isError ? (check.error as Error).message : null} />
            </div>
          )}
        </fieldset>

        <DestinationPicker accountId={accountId} value={destination} onChange={setDestination} errors={d.fieldErrors("to_company_id")} />

        <Field
          label="Device type"
          htmlFor="transfer-device-type"
          hint="The destination receives this type (or a type it already has — their admin decides on accept)."
          errors={d.fieldErrors("device_type_id")}
        >
          <Select
            id="transfer-device-type"
            value={typeId}
            onChange={(e) => {
              setTypeTouched(true);
              setTypeId(e.target.value);
            }}
            disabled={!types.data}
          >
            <option value="">{types.data ? (types.data.length ? "Choose a device type…" : "No device types yet — create one first") : "Loading…"}</option>
            <DeviceTypeOptions types={types.data} />
          </Select>
        </Field>
        {typeCounts.length > 1 ? (
          <p role="status" className="-mt-3 flex items-start gap-2 rounded-md bg-amber-50 p-2.5 text-xs text-amber-900 ring-1 ring-inset ring-amber-200">
            <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden="true" />
            <span>
              These devices mix {typeCounts.length} device types ({typeCounts.map((t) => `${typeName(t.device_type_id)}: ${t.count.toLocaleString("en-US")}`).join(", ")}). One request carries one type: all of
              them are sent as the type chosen above.
            </span>
          </p>
        ) : null}

        <Field
          label="Expires on (optional)"
          htmlFor="transfer-expires"
          hint="Unanswered requests expire at the end of this day (UTC) and free their devices."
          errors={d.fieldErrors("expires_at")}
        >
          <DateInput id="transfer-expires" placeholder={`YYYY-MM-DD, from ${minDate}`} value={expires} onChange={(e) => setExpires(e.target.value.trim())} />
        </Field>

        <FormError title={d.errors?.summary} messages={d.general(mode === "packing" ? [...FIELDS, "unique_ids"] : FIELDS)} />

        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <p className="text-sm text-slate-600">
            <strong className="text-slate-900">{sendCount.toLocaleString("en-US")}</strong> escrow device{sendCount === 1 ? "" : "s"} in one request
          </p>
          <div className="flex gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={!destination || !typeId || sendCount === 0 || sendCount > 10_000 || d.pending}>
              {d.pending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden="true" /> : null}
              Send transfer request
            </Button>
          </div>
        </div>
      </form>
    </DialogContent>
  );
}

function PackingReport({ parsed, report, loading, error }: { parsed: number; report: PackingListReport | undefined; loading: boolean; error: string | null }) {
  if (!parsed) return null;
  if (error) return <p role="alert" className="text-sm font-medium text-red-600">{error}</p>;
  if (loading || !report) {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-500">
        <Loader2 className="h-4 w-4 animate-spin" aria-hidden="true" /> Checking {plural(parsed, "unique_id")}…
      </p>
    );
  }
  return (
    <section aria-label="Packing list check" className="space-y-2 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-inset ring-slate-200">
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        <span className="font-semibold text-emerald-700">{report.matched.length.toLocaleString("en-US")} matched</span>
        <span className={report.unknown.length ? "font-semibold text-red-700" : "text-slate-500"}>{report.unknown.length.toLocaleString("en-US")} unknown</span>
        <span className={report.not_transferable.length ? "font-semibold text-amber-700" : "text-slate-500"}>
          {report.not_transferable.length.toLocaleString("en-US")} not transferable
        </span>
        {report.duplicates.length ? <span className="text-slate-500">{plural(report.duplicates.length, "duplicate")} ignored</span> : null}
      </p>
      {report.unknown.length ? (
        <details open={report.unknown.length <= 10}>
          <summary className="cursor-pointer text-xs font-medium text-red-700">Unknown — no escrow device of this account has these unique_ids</summary>
          <ul className="mt-1 max-h-28 overflow-y-auto font-mono text-xs text-slate-700">
            {report.unknown.slice(0, 200).map((u) => (
              <li key={u}>{u}</li>
            ))}
            {report.unknown.length > 200 ? <li>… and {(report.unknown.length - 200).toLocaleString("en-US")} more</li> : null}
          </ul>
        </details>
      ) : null}
      {report.not_transferable.length ? (
        <details open={report.not_transferable.length <= 10}>
          <summary className="cursor-pointer text-xs font-medium text-amber-800">Not transferable</summary>
          <ul className="mt-1 max-h-28 overflow-y-auto text-xs text-slate-700">
            {report.not_transferable.slice(0, 200).map((u) => (
              <li key={u._id}>
                <span className="font-mono">{u.unique_id}</span> {u.reason}
              </li>
            ))}
            {report.not_transferable.length > 200 ? <li>… and {(report.not_transferable.length - 200).toLocaleString("en-US")} more</li> : null}
          </ul>
        </details>
      ) : null}
      {report.unknown.length || report.not_transferable.length ? <p className="text-xs text-slate-600">Only the matched devices are sent.</p> : null}
    </section>
  );
}
