"use client";

import { X } from "lucide-react";
import { Dialog as D } from "radix-ui";
import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { cn } from "./cn";

export const DialogRoot = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogClose = D.Close;

export function DialogContent({
  title,
  description,
  children,
  wide,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40 backdrop-blur-[1px]" />
      <D.Content
        className={cn(
          "fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-2xl ring-1 ring-slate-200",
          wide ? "max-w-3xl" : "max-w-lg",
        )}
      >
        <div className="mb-4 flex items-start justify-between gap-4">
          <div>
            <D.Title className="text-lg font-semibold text-slate-900">{title}</D.Title>
            {description ? (
              <D.Description className="mt-1 text-sm text-slate-600">{description}</D.Description>
            ) : (
              <D.Description className="sr-only">{title}</D.Description>
            )}
          </div>
          <D.Close className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label="Close">
            <X className="h-5 w-5" />
          </D.Close>
        </div>
        {children}
      </D.Content>
    </D.Portal>
  );
}

/** The row of buttons at the foot of a dialog, right-aligned. */
export function DialogFooter({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("flex flex-wrap justify-end gap-2", className)}>{children}</div>;
}

/** The foot of a dialog's result view: one button that closes it (and so resets it). */
export function DialogDone({ label = "Done", variant = "primary", className }: { label?: string; variant?: ButtonVariant; className?: string }) {
  return (
    <DialogFooter className={className}>
      <DialogClose asChild>
        <Button variant={variant}>{label}</Button>
      </DialogClose>
    </DialogFooter>
  );
}

/** The foot of a dialog's form: Cancel (closes it) and the submit button, which says when it is working. */
export function DialogSubmit({ label, pendingLabel, pending, disabled, cancelLabel = "Cancel", className }: { label: string; pendingLabel: string; pending: boolean; disabled?: boolean; cancelLabel?: string; className?: string }) {
  return (
    <DialogFooter className={className}>
      <DialogClose asChild>
        <Button variant="secondary">{cancelLabel}</Button>
      </DialogClose>
      <Button type="submit" disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </Button>
    </DialogFooter>
  );
}
