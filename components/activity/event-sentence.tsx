import Link from "next/link";
import type { Segment } from "@/lib/audit/describe";

/** A described audit event: names bold, subjects linked, ids in monospace. */
export function EventSentence({ segments }: { segments: Segment[] }) {
  return (
    <span className="text-sm text-slate-700">
      {segments.map((s, i) => {
        if (typeof s === "string") return s;
        const cls = s.code ? "font-mono text-[0.8125rem]" : "font-medium";
        if (!s.href) return <span key={i} className={`${cls} text-slate-900`}>{s.text}</span>;
        return (
          <Link key={i} href={s.href} className={`${cls} text-indigo-700 hover:underline`}>
            {s.text}
          </Link>
        );
      })}
    </span>
  );
}
