"use client";

import { type ReactNode, useState, useTransition } from "react";
import { Button, type ButtonVariant } from "./button";
import { DialogClose, DialogContent, DialogRoot, DialogTrigger } from "./dialog";
import { FormError } from "./field";

/**
 * A button that asks before doing something irreversible. `onConfirm` returns error messages to
 * show in the dialog, or nothing when it succeeded (the dialog then closes).
 */
export function ConfirmButton({
  label,
  title,
  description,
  confirmLabel,
  cancelLabel = "Keep",
  onConfirm,
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
  onConfirm: () => Promise<string[] | undefined | null>;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  disabled?: boolean;
  icon?: ReactNode;
  className?: string;
  ariaLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [pending, start] = useTransition();
  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setErrors(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant={variant} size={size} disabled={disabled} className={className} aria-label={ariaLabel}>
          {icon}
          {label}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <FormError messages={errors} />
        <div className="mt-5 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{cancelLabel}</Button>
          </DialogClose>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const problems = await onConfirm();
                if (problems?.length) setErrors(problems);
                else setOpen(false);
              })
            }
          >
            {pending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </DialogRoot>
  );
}
