import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function TableWrap({ className, ...p }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200", className)} {...p} />;
}

/**
 * A table. With `fold`, below `md` (768 px) every body row becomes a card instead of scrolling
 * sideways: unlabelled cells are its title lines, each `<Td label>` a "Label  value" line, and the
 * `<Td actions>` cell a row of buttons at the bottom, so a row's facts and actions are in view on a
 * phone. The header row is then only read out (table semantics stay), not shown.
 */
export function Table({ fold, className, ...p }: HTMLAttributes<HTMLTableElement> & { fold?: boolean }) {
  return (
    <table
      data-fold={fold ? "" : undefined}
      className={cn("group/table min-w-full divide-y divide-slate-200 text-sm", "max-md:data-fold:block max-md:data-fold:divide-y-0", className)}
      {...p}
    />
  );
}
export function THead(p: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className="bg-slate-50 max-md:group-data-fold/table:sr-only" {...p} />;
}
export function TBody(p: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <tbody
      className={cn(
        "divide-y divide-slate-100",
        // Folded: each row a column of its cells (a cell may move itself up with `max-md:order-first`).
        "max-md:group-data-fold/table:block max-md:group-data-fold/table:*:flex max-md:group-data-fold/table:*:flex-col max-md:group-data-fold/table:*:py-3",
      )}
      {...p}
    />
  );
}
export function Th({ className, ...p }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600", className)} {...p} />;
}

export function Td({ className, label, actions, ...p }: TdHTMLAttributes<HTMLTableCellElement> & { label?: string; actions?: boolean }) {
  return (
    <td
      data-label={label}
      className={cn(
        "whitespace-nowrap px-4 py-2.5 text-slate-700",
        // Folded: a full-width line that wraps; a label sits in a fixed column on its left.
        "max-md:group-data-fold/table:block max-md:group-data-fold/table:py-0.5 max-md:group-data-fold/table:text-left max-md:group-data-fold/table:whitespace-normal max-md:group-data-fold/table:break-words",
        label &&
          "max-md:group-data-fold/table:relative max-md:group-data-fold/table:min-h-6 max-md:group-data-fold/table:pl-32 max-md:group-data-fold/table:before:absolute max-md:group-data-fold/table:before:left-4 max-md:group-data-fold/table:before:top-1 max-md:group-data-fold/table:before:w-26 max-md:group-data-fold/table:before:text-xs max-md:group-data-fold/table:before:font-medium max-md:group-data-fold/table:before:text-slate-500 max-md:group-data-fold/table:before:content-[attr(data-label)]",
        actions && "max-md:group-data-fold/table:pt-2.5 max-md:group-data-fold/table:empty:hidden",
        className,
      )}
      {...p}
    />
  );
}
