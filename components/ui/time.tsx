/** A timestamp rendered in UTC, stable between server and client, with the full ISO as title. */
export function Time({ value, relative }: { value: string | Date | null | undefined; relative?: boolean }) {
  if (!value) return <span className="text-slate-400">—</span>;
  const d = typeof value === "string" ? new Date(value) : value;
  const isoStr = d.toISOString();
  const text = relative ? relativeTime(d) : `${isoStr.slice(0, 10)} ${isoStr.slice(11, 16)} UTC`;
  return (
    <time dateTime={isoStr} title={isoStr}>
      {text}
    </time>
  );
}

export function relativeTime(d: Date, now = Date.now()): string {
  const s = Math.round((now - d.getTime()) / 1000);
  if (s < 0) return "in the future";
  if (s < 45) return "just now";
  if (s < 90) return "1 minute ago";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minutes ago`;
  const h = Math.round(m / 60);
  if (h < 24) return h === 1 ? "1 hour ago" : `${h} hours ago`;
  const days = Math.round(h / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}
