"use client";

import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { Button, type ButtonVariant } from "./button";
import { DialogClose, DialogContent, DialogFooter, DialogRoot, DialogTrigger } from "./dialog";
import { FormError } from "./field";
import { useActionDialog } from "./use-action-dialog";

/**
 * A button that asks before doing something irreversible: the dialog runs `action` (a server
 * action) through useActionDialog, shows what a failure says (all of it), and on success closes
 * and calls `onDone`.
 */
export function ConfirmButton({
  label,
  title,
  description,
  confirmLabel,
  cancelLabel = "Keep",
  action,
  onDone,
  variant = "danger",
  size = "md",
  disabled,
  icon,
  className,
  ariaLabel,
}: {
  label: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** The button that closes the dialog without doing anything. */
  cancelLabel?: string;
  action: () => Promise<ActionResult<unknown>>;
  onDone?: () => void;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  disabled?: boolean;
  icon?: ReactNode;
  className?: string;
  ariaLabel?: string;
}) {
  const d = useActionDialog<unknown>();
  return (
    <DialogRoot open={d.open} onOpenChange={d.setOpen}>
      <DialogTrigger asChild>
        <Button variant={variant} size={size} disabled={disabled} className={className} aria-label={ariaLabel}>
          {icon}
          {label}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <FormError messages={d.errors?.messages} title={d.errors?.summary} />
        <DialogFooter className="mt-5">
          <DialogClose asChild>
            <Button variant="secondary">{cancelLabel}</Button>
          </DialogClose>
          <Button
            variant="danger"
            disabled={d.pending}
            onClick={() =>
              d.run(action, () => {
                d.setOpen(false);
                onDone?.();
              })
            }
          >
            {d.pending ? "Working…" : confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </DialogRoot>
  );
}
