import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function TableWrap({ className, ...p }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200", className)} {...p} />;
}
export function Table({ className, ...p }: HTMLAttributes<HTMLTableElement>) {
  return <table className={cn("min-w-full divide-y divide-slate-200 text-sm", className)} {...p} />;
}
export function THead(p: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className="bg-slate-50" {...p} />;
}
export function TBody(p: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-slate-100" {...p} />;
}
export function Th({ className, ...p }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600", className)} {...p} />;
}
export function Td({ className, ...p }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("whitespace-nowrap px-4 py-2.5 text-slate-700", className)} {...p} />;
}
