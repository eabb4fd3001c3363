"use client";

import Link from "next/link";
import { Cell, Pie, PieChart } from "recharts";
import type { HeartbeatStatus } from "@/lib/devices/schemas";

const SLICES: { status: HeartbeatStatus; label: string; color: string; dot: string }[] = [
  { status: "online", label: "Online", color: "#10b981", dot: "bg-emerald-500" },
  { status: "offline", label: "Offline", color: "#ef4444", dot: "bg-red-500" },
  { status: "never_reported", label: "Never reported", color: "#94a3b8", dot: "bg-slate-400" },
];

/** Devices by heartbeat status: a donut with a legend whose numbers link to the filtered list. */
export function DeviceStatusChart({ counts }: { counts: Record<HeartbeatStatus, number> }) {
  const total = SLICES.reduce((n, s) => n + counts[s.status], 0);
  const data = SLICES.map((s) => ({ name: s.label, value: counts[s.status], color: s.color }));
  return (
    <div className="flex flex-wrap items-center gap-6">
      <div className="relative h-36 w-36 shrink-0" aria-hidden="true">
        <PieChart width={144} height={144}>
          <Pie data={total ? data : [{ name: "none", value: 1, color: "#e2e8f0" }]} dataKey="value" innerRadius={48} outerRadius={68} strokeWidth={2} isAnimationActive={false}>
            {(total ? data : [{ color: "#e2e8f0" }]).map((d, i) => (
              <Cell key={i} fill={d.color} />
            ))}
          </Pie>
        </PieChart>
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
          <span className="text-2xl font-semibold text-slate-900">{total}</span>
          <span className="text-xs text-slate-500">devices</span>
        </div>
      </div>
      <ul className="min-w-40 flex-1 space-y-2 text-sm">
        {SLICES.map((s) => (
          <li key={s.status}>
            <Link href={`/devices?status=${s.status}`} className="group flex items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-50" data-testid={`devices-${s.status}`}>
              <span className={`h-2.5 w-2.5 rounded-full ${s.dot}`} aria-hidden="true" />
              <span className="flex-1 text-slate-700 group-hover:text-slate-900">{s.label}</span>
              <span className="font-semibold tabular-nums text-slate-900" data-count={counts[s.status]}>
                {counts[s.status]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
