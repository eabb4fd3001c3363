import { Check } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { Time } from "@/components/ui/time";

export interface TimelineStepView {
  key: string;
  label: string;
  at: string | null;
  done: boolean;
}

/** The escrow device's journey; steps not reached yet are grey and marked upcoming. */
export function EscrowTimeline({ steps }: { steps: TimelineStepView[] }) {
  return (
    <ol aria-label="Timeline" className="relative">
      {steps.map((s, i) => (
        <li key={s.key} className="relative flex gap-4 pb-6 last:pb-0">
          {i < steps.length - 1 ? (
            <span aria-hidden="true" className={cn("absolute left-[11px] top-6 h-[calc(100%-1.25rem)] w-0.5", steps[i + 1].done ? "bg-indigo-600" : "bg-slate-200")} />
          ) : null}
          <span
            className={cn(
              "relative z-10 flex h-6 w-6 shrink-0 items-center justify-center rounded-full",
              s.done ? "bg-indigo-600 text-white" : "border-2 border-slate-300 bg-white",
            )}
          >
            {s.done ? <Check className="h-3.5 w-3.5" aria-hidden="true" /> : null}
          </span>
          <div className="min-w-0 pt-0.5">
            <p className={cn("text-sm font-medium", s.done ? "text-slate-900" : "text-slate-400")}>{s.label}</p>
            <p className="text-xs text-slate-500">
              {s.done && s.at ? (
                <>
                  <Time value={s.at} /> · <Time value={s.at} relative />
                </>
              ) : (
                <span className="text-slate-400">Upcoming</span>
              )}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
