import type { ReactNode } from "react";
import { cn } from "./cn";

export type Tone = "gray" | "green" | "amber" | "blue" | "red" | "indigo";

const TONES: Record<Tone, string> = {
  gray: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  blue: "bg-sky-50 text-sky-700 ring-sky-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200",
};

export function Badge({ tone = "gray", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", TONES[tone], className)}>
      {children}
    </span>
  );
}

/** One place that decides how each status reads. */
const STATUS: Record<string, { tone: Tone; label: string }> = {
  escrowed: { tone: "blue", label: "Escrowed" },
  transfer_pending: { tone: "amber", label: "Transfer pending" },
  transferred: { tone: "green", label: "Transferred" },
  pending: { tone: "amber", label: "Pending" },
  accepted: { tone: "green", label: "Accepted" },
  rejected: { tone: "red", label: "Rejected" },
  cancelled: { tone: "gray", label: "Cancelled" },
  expired: { tone: "gray", label: "Expired" },
  online: { tone: "green", label: "Online" },
  offline: { tone: "red", label: "Offline" },
  never_reported: { tone: "gray", label: "Never reported" },
  admin: { tone: "indigo", label: "Admin" },
  member: { tone: "blue", label: "Member" },
  viewer: { tone: "gray", label: "Viewer" },
};

export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: "gray" as Tone, label: status };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
