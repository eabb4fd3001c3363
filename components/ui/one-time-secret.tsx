import { AlertTriangle } from "lucide-react";
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/**
 * A secret shown exactly once (escrow token, API token, webhook secret): a warning that it will
 * not be shown again, the value in monospace, and a copy button.
 */
export function OneTimeSecret({ label, value, children, testId }: { label: string; value: string; children: ReactNode; testId?: string }) {
  return (
    <div className="space-y-3">
      <div className="flex gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" role="alert">
        <AlertTriangle className="h-5 w-5 shrink-0 text-amber-600" aria-hidden="true" />
        <div>{children}</div>
      </div>
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-800">{label}</p>
        <div className="flex items-center gap-2">
          <code className="block min-w-0 flex-1 break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300" data-testid={testId}>
            {value}
          </code>
          <CopyButton value={value} />
        </div>
      </div>
    </div>
  );
}
