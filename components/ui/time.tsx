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

/** "3 minutes ago", or for a time to come "in 3 minutes" (a retry, an expiry). */
export function relativeTime(d: Date, now = Date.now()): string {
  const s = Math.round((now - d.getTime()) / 1000);
  if (s < 0) return `in ${span(-s)}`;
  if (s < 45) return "just now";
  if (s < 90) return "1 minute ago";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minutes ago`;
  const h = Math.round(m / 60);
  if (h < 24) return h === 1 ? "1 hour ago" : `${h} hours ago`;
  const days = Math.round(h / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

function span(s: number): string {
  // Not to the second: the server's render and the browser's must read the same.
  if (s < 60) return "less than a minute";
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? "a minute" : `${m} minutes`;
  const h = Math.round(m / 60);
  if (h < 24) return h === 1 ? "an hour" : `${h} hours`;
  const days = Math.round(h / 24);
  return days === 1 ? "a day" : `${days} days`;
}
