import { Download } from "lucide-react";
import { buttonClass } from "@/components/ui/button";

/**
 * Downloads a list as CSV with the page's current filters: the platform list's own `format=csv`
 * (streamed, up to 100,000 rows) through a session-authenticated portal route.
 */
export function ExportButton({ resource, params, href, label = "Export CSV" }: { resource?: string; params?: Record<string, string | undefined | null>; href?: string; label?: string }) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) query.set(k, v);
  const url = href ?? `/api/portal/export/${resource}${query.size ? `?${query}` : ""}`;
  return (
    <a href={url} download className={buttonClass("secondary")} aria-label={`${label} (CSV download)`}>
      <Download className="h-4 w-4" aria-hidden="true" />
      {label}
    </a>
  );
}
