"use client";

import { useQuery } from "@tanstack/react-query";
import { Building2, Check, Loader2 } from "lucide-react";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { portalJson, transferKeys } from "./query-keys";

export interface Destination {
  id: string;
  name: string;
}

interface Partner {
  _id: string;
  name: string;
  transfers: number;
  last_transfer_at: string | null;
}

const ID_SHAPE = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * Partners first (accounts this account has exchanged requests with, most recent first); any other
 * account only by its exact id, looked up as it is typed or pasted. No search of accounts by name.
 */
export function DestinationPicker({
  accountId,
  value,
  onChange,
  errors,
}: {
  accountId: string;
  value: Destination | null;
  onChange: (d: Destination | null) => void;
  /** What the server said about the destination (`to_company_id`). */
  errors?: string[];
}) {
  const [typed, setTyped] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setDebounced(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);

  const partners = useQuery({ queryKey: transferKeys.partners(accountId), queryFn: () => portalJson<Partner[]>("/api/portal/partners"), staleTime: 60_000 });
  const lookup = useQuery({
    queryKey: transferKeys.company(debounced),
    queryFn: () => portalJson<{ _id: string; name: string }>(`/api/portal/companies/${encodeURIComponent(debounced)}`),
    enabled: ID_SHAPE.test(debounced),
    retry: false,
    staleTime: 60_000,
  });
  const found = lookup.data && lookup.data._id === debounced ? lookup.data : null;
  useEffect(() => {
    if (found && found._id !== accountId && value?.id !== found._id) onChange({ id: found._id, name: found.name });
  }, [found, accountId, value, onChange]);

  const list = (partners.data ?? []).filter((p) => p._id !== accountId);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Destination account</legend>
      {list.length ? (
        <div role="radiogroup" aria-label="Partners" className="grid max-h-40 grid-cols-1 gap-1.5 overflow-y-auto sm:grid-cols-2">
          {list.map((p) => {
            const chosen = value?.id === p._id;
            return (
              <button
                key={p._id}
                type="button"
                role="radio"
                aria-checked={chosen}
                onClick={() => {
                  setTyped("");
                  onChange(chosen ? null : { id: p._id, name: p.name });
                }}
                className={cn(
                  "flex items-center justify-between gap-2 rounded-md px-3 py-2 text-left text-sm ring-1 ring-inset",
                  chosen ? "bg-indigo-50 text-indigo-900 ring-indigo-400" : "bg-white text-slate-800 ring-slate-200 hover:bg-slate-50",
                )}
              >
                <span className="min-w-0">
                  <span className="block truncate font-medium">{p.name}</span>
                  <span className="block text-xs text-slate-500">
                    {p.transfers} transfer{p.transfers === 1 ? "" : "s"}
                    {p.last_transfer_at ? ` · last ${p.last_transfer_at.slice(0, 10)}` : ""}
                  </span>
                </span>
                {chosen ? <Check className="h-4 w-4 shrink-0 text-indigo-600" aria-hidden="true" /> : null}
              </button>
            );
          })}
        </div>
      ) : partners.isLoading ? (
        <p className="text-xs text-slate-500">Loading partners…</p>
      ) : null}
      <div>
        <label htmlFor="transfer-destination" className="mb-1 block text-xs font-medium text-slate-600">
          Destination account id{list.length ? " (or pick a partner above)" : ""}
        </label>
        <div className="relative">
          <Input
            id="transfer-destination"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. 5f1c0a9e3b2d4c6e8a0b1c2d"
            className="pr-8 font-mono"
            onChange={(e) => {
              setTyped(e.target.value);
              if (value && !list.some((p) => p._id === value.id)) onChange(null);
            }}
          />
          {lookup.isFetching ? <Loader2 className="absolute right-2.5 top-2.5 h-4 w-4 animate-spin text-slate-400" aria-label="Looking up" /> : null}
        </div>
        <p className="mt-1 text-xs text-slate-500" aria-live="polite">
          {!typed.trim() ? (
            "The customer finds it in their settings."
          ) : !ID_SHAPE.test(typed.trim()) ? (
            "Paste the whole account id."
          ) : found?._id === accountId ? (
            <span className="font-medium text-red-600">That is this account. Choose another account.</span>
          ) : lookup.isError && debounced === typed.trim() ? (
            <span className="font-medium text-red-600">No account with this id.</span>
          ) : null}
        </p>
      </div>
      {value ? (
        <output className="flex items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ring-1 ring-inset ring-indigo-200">
          <Building2 className="h-4 w-4 shrink-0 text-indigo-600" aria-hidden="true" />
          <span>
            Sending to <strong>{value.name}</strong> <span className="font-mono text-xs text-indigo-700/70">{value.id}</span>
          </span>
        </output>
      ) : null}
      {errors?.map((e) => (
        <p key={e} className="text-xs font-medium text-red-600">
          {e}
        </p>
      ))}
    </fieldset>
  );
}
