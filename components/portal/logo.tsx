import { ArrowLeftRight } from "lucide-react";

export function Logo({ large }: { large?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900">
      <span className={`inline-flex items-center justify-center rounded-lg bg-indigo-600 text-white ${large ? "h-9 w-9" : "h-7 w-7"}`}>
        <ArrowLeftRight className={large ? "h-5 w-5" : "h-4 w-4"} />
      </span>
      <span className={large ? "text-2xl" : "text-lg"}>Handoff</span>
    </span>
  );
}
