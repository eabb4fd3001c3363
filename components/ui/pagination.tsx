import Link from "next/link";
import { buttonClass } from "./button";

/** Link-based pagination that keeps the other query parameters. */
export function Pagination({
  page,
  perPage,
  total,
  basePath,
  params,
}: {
  page: number;
  perPage: number;
  total: number;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter(([, v]) => v != null && v !== "") as [string, string][]);
    return `${basePath}?${q}`;
  };
  const from = total === 0 ? 0 : (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 px-1 py-3 text-sm text-slate-600">
      <p data-testid="pagination-summary" data-total={total}>
        {total === 0 ? "No results" : (
          <>
            Showing <span className="font-medium text-slate-900">{from.toLocaleString("en-US")}</span>–
            <span className="font-medium text-slate-900">{to.toLocaleString("en-US")}</span> of{" "}
            <span className="font-medium text-slate-900">{total.toLocaleString("en-US")}</span>
          </>
        )}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={buttonClass("secondary", "sm")} href={href(page - 1)}>
            Previous
          </Link>
        ) : (
          <span className={buttonClass("secondary", "sm", "pointer-events-none opacity-40")}>Previous</span>
        )}
        {page < pages ? (
          <Link className={buttonClass("secondary", "sm")} href={href(page + 1)}>
            Next
          </Link>
        ) : (
          <span className={buttonClass("secondary", "sm", "pointer-events-none opacity-40")}>Next</span>
        )}
      </div>
    </nav>
  );
}
