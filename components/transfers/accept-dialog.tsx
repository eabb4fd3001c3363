"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Copy, Loader2, Recycle, Tag, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { acceptTransferAction, rejectTransferAction } from "@/app/(portal)/transfers/actions/decide";
import { DeviceTypeOptions } from "@/components/device-types/device-type-options";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogDone, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Select, Textarea } from "@/components/ui/field";
import { useActionDialog } from "@/components/ui/use-action-dialog";
import { portalJson, transferKeys } from "./query-keys";

type Preview = { resolution: "override" | "reuse" | "copy"; device_type: { name: string; model: string }; copied_at?: string | null };
type Decision = { created: number; errors: Record<string, string> } | { status: string };

export interface AcceptDialogProps {
  /** The trigger shows only while pending; the dialog stays mounted so its result outlives the refresh. */
  pending: boolean;
  requestId: string;
  fromName: string;
  deviceCount: number;
  uniqueIds: string[];
  /** The destination account's own device types (the override choices). */
  deviceTypes: { id: string; name: string; model: string }[];
}

function day(isoStr: string | null | undefined): string {
  return isoStr ? new Date(isoStr).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }) : "an earlier transfer";
}

export function PreviewText({ preview }: { preview: Preview }) {
  const name = <strong className="font-semibold">{preview.device_type.name}</strong>;
  if (preview.resolution === "override")
    return (
      <p className="flex items-start gap-2">
        <Tag className="mt-0.5 h-4 w-4 shrink-0 text-indigo-600" aria-hidden="true" />
        <span>The new devices will use your type {name}.</span>
      </p>
    );
  if (preview.resolution === "reuse")
    return (
      <p className="flex items-start gap-2">
        <Recycle className="mt-0.5 h-4 w-4 shrink-0 text-indigo-600" aria-hidden="true" />
        <span>
          The new devices will reuse {name}, copied into your account on {day(preview.copied_at)}.
        </span>
      </p>
    );
  return (
    <p className="flex items-start gap-2">
      <Copy className="mt-0.5 h-4 w-4 shrink-0 text-indigo-600" aria-hidden="true" />
      <span>Accepting will copy {name} into your account; the new devices will use that copy.</span>
    </p>
  );
}

/** The destination admin's Accept / Reject dialog, with a live preview of the device type outcome. */
export function AcceptDialog({ pending, requestId, fromName, deviceCount, uniqueIds, deviceTypes }: AcceptDialogProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [override, setOverride] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const d = useActionDialog<Decision>({
    onReset: useCallback(() => {
      setOverride("");
      setRejecting(false);
      setReason("");
    }, []),
  });
  const preview = useQuery({
    queryKey: transferKeys.preview(requestId, override || null),
    queryFn: ({ signal }) => portalJson<Preview>(`/api/portal/transfers/${encodeURIComponent(requestId)}/preview${override ? `?device_type_id=${encodeURIComponent(override)}` : ""}`, { signal }),
    // Only while there is something to decide: a decided request has no preview (409).
    enabled: d.open && !d.result,
    retry: false,
  });

  if (!pending && !d.open) return null;

  function done() {
    queryClient.invalidateQueries({ queryKey: transferKeys.all });
    router.refresh();
  }

  const result = d.result;
  const shown = rejecting ? ["device_type_id", "reason"] : ["device_type_id"];
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      {pending ? (
        <DialogTrigger asChild>
          <Button>Review and accept…</Button>
        </DialogTrigger>
      ) : null}
      {!d.open ? null : result ? (
        <DialogContent title={"status" in result ? "Transfer rejected" : "Transfer accepted"}>
          {"status" in result ? (
            <p className="text-sm text-slate-700">The request was rejected. {fromName} can offer the devices again.</p>
          ) : (
            <Created created={result.created} failed={Object.values(result.errors)} />
          )}
          <DialogDone label="Close" variant="secondary" className="mt-6" />
        </DialogContent>
      ) : (
        <DialogContent
          wide
          title="Accept transfer"
          description={
            <>
              <strong>{fromName}</strong> offers {deviceCount.toLocaleString("en-US")} device{deviceCount === 1 ? "" : "s"}. Accepting creates them in your account and their gateways receive your
              configuration.
            </>
          }
        >
          <div className="space-y-5">
            <div>
              <h3 className="mb-1.5 text-sm font-medium text-slate-800">Devices</h3>
              <ul aria-label="Devices in this transfer" className="max-h-36 overflow-y-auto rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200 sm:columns-3">
                {uniqueIds.map((u) => (
                  <li key={u} className="py-0.5">
                    {u}
                  </li>
                ))}
                {deviceCount > uniqueIds.length ? <li className="py-0.5 text-slate-500">… and {(deviceCount - uniqueIds.length).toLocaleString("en-US")} more</li> : null}
              </ul>
            </div>
            <Field label="Device type override" htmlFor="accept-override" hint="Leave empty to use the sender's device type as described below." errors={d.fieldErrors("device_type_id")}>
              <Select id="accept-override" value={override} onChange={(e) => setOverride(e.target.value)}>
                <option value="">No override</option>
                <DeviceTypeOptions types={deviceTypes} />
              </Select>
            </Field>
            <section aria-label="What will happen" aria-live="polite" className="min-h-12 rounded-md bg-indigo-50 p-3 text-sm text-indigo-950 ring-1 ring-inset ring-indigo-200">
              {preview.data ? (
                <PreviewText preview={preview.data} />
              ) : preview.isError ? (
                <p className="text-red-700">{preview.error.message}</p>
              ) : (
                <p className="flex items-center gap-2 text-indigo-700">
                  <Loader2 className="h-4 w-4 animate-spin" aria-hidden="true" /> Working out what will happen…
                </p>
              )}
            </section>
            {rejecting ? (
              <Field label="Reason (optional)" htmlFor="reject-reason" hint="Shown to the sender. 500 characters at most." errors={d.fieldErrors("reason")}>
                <Textarea id="reject-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className="font-sans" />
              </Field>
            ) : null}
            <FormError title={d.errors?.summary} messages={d.general(shown)} />
            <div className="flex items-center justify-between gap-2 border-t border-slate-100 pt-4">
              <DialogClose asChild>
                <Button variant="ghost">Close</Button>
              </DialogClose>
              <div className="flex gap-2">
                {rejecting ? (
                  <Button variant="danger" onClick={() => d.run(() => rejectTransferAction(requestId, reason), done)} disabled={d.pending}>
                    Confirm rejection
                  </Button>
                ) : (
                  <Button variant="secondary" onClick={() => setRejecting(true)} disabled={d.pending}>
                    Reject
                  </Button>
                )}
                <Button onClick={() => d.run(() => acceptTransferAction(requestId, override || null), done)} disabled={d.pending || !preview.data}>
                  {d.pending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden="true" /> : null}
                  Accept
                </Button>
              </div>
            </div>
          </div>
        </DialogContent>
      )}
    </DialogRoot>
  );
}

function Created({ created, failed }: { created: number; failed: string[] }) {
  return (
    <div className="space-y-3 text-sm">
      <p className="flex items-center gap-2 rounded-md bg-emerald-50 p-3 text-emerald-900 ring-1 ring-inset ring-emerald-200">
        <CheckCircle2 className="h-5 w-5 text-emerald-600" aria-hidden="true" />
        <span>
          <strong>{created.toLocaleString("en-US")}</strong> device{created === 1 ? "" : "s"} created in your account.
        </span>
      </p>
      {failed.length ? (
        <div role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-inset ring-amber-200">
          <p className="flex items-center gap-2 font-medium">
            <TriangleAlert className="h-4 w-4" aria-hidden="true" /> {failed.length} could not be created
          </p>
          <ul className="mt-1 list-inside list-disc">
            {failed.slice(0, 50).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
