"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action-result";

/** What a failed action says, split into per-field messages and the rest. */
export interface ActionErrors {
  messages: string[];
  fields: Record<string, string[]>;
  /** The one-line summary when `messages` list the details (e.g. "3 escrow devices are not available"). */
  summary?: string;
}

/**
 * A message about a nested path (`heartbeat_period` inside `config`) as the control of its first
 * segment shows it: `path: message`, or the message as is when it already starts with the
 * field's name ("heartbeat_period must be at least 1 second", not "heartbeat_period: heartbeat_period …").
 */
export function nestedMessage(path: string, message: string): string {
  if (!path) return message;
  const dot = path.lastIndexOf(".");
  const leaf = path.slice(dot + 1);
  if (message.startsWith(`${leaf} `)) return dot < 0 ? message : `${path.slice(0, dot)}.${message}`;
  return `${path}: ${message}`;
}

/**
 * The one way a failed server action becomes messages for a form. Nested field paths
 * (`config.heartbeat_period`) belong to the control of their first segment, prefixed with the rest.
 */
export function actionErrors(r: Extract<ActionResult<unknown>, { ok: false }>): ActionErrors {
  const fields: Record<string, string[]> = {};
  for (const [path, list] of Object.entries(r.fieldErrors)) {
    const [top, ...rest] = path.split(".");
    const where = rest.join(".");
    fields[top] = [...(fields[top] ?? []), ...list.map((m) => nestedMessage(where, m))];
  }
  const details = r.messages.length && !r.messages.includes(r.message);
  return { messages: r.messages.length ? r.messages : [r.message], fields, ...(details ? { summary: r.message } : {}) };
}

/**
 * The messages a form should show in its general box: all of them, unless every field they name
 * is one the form shows beside its control (then they are already on screen there).
 */
export function generalMessages(errors: ActionErrors | null, shownFields: readonly string[]): string[] {
  if (!errors) return [];
  const names = Object.keys(errors.fields);
  if (names.length && names.every((n) => shownFields.includes(n))) return [];
  return errors.messages;
}

export type ActionDialog<T> = ReturnType<typeof useActionDialog<T>>;

/**
 * A dialog (or form, or inline control) that runs a server action: open state, pending, errors,
 * the successful result, and a reset whenever it closes — so reopening never shows the last attempt.
 */
export function useActionDialog<T>(opts: { onReset?: () => void } = {}) {
  const [open, setOpenState] = useState(false);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<ActionErrors | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const { onReset } = opts;

  const reset = useCallback(() => {
    setErrors(null);
    setResult(null);
    onReset?.();
  }, [onReset]);

  const setOpen = useCallback(
    (o: boolean) => {
      setOpenState(o);
      if (!o) reset();
    },
    [reset],
  );

  /**
   * Runs the action; on success keeps its data as `result` and calls `then` with it; on failure
   * keeps what it says as `errors` (and forgets an earlier result) and calls `otherwise`.
   */
  const run = useCallback((action: () => Promise<ActionResult<T>>, then?: (data: T) => void, otherwise?: (errors: ActionErrors) => void) => {
    start(async () => {
      const r = await action();
      if (!r.ok) {
        const errors = actionErrors(r);
        setResult(null);
        setErrors(errors);
        otherwise?.(errors);
        return;
      }
      setErrors(null);
      setResult(r.data ?? (true as T));
      then?.(r.data);
    });
  }, []);

  /** A problem found before calling the server (e.g. a field that is not a number). */
  const fail = useCallback((fields: Record<string, string[]>, messages: string[] = Object.values(fields).flat()) => {
    setResult(null);
    setErrors({ messages, fields });
  }, []);

  return {
    open,
    fail,
    setOpen,
    pending,
    errors,
    result,
    run,
    reset,
    /** Messages for one field (shown under its control). */
    fieldErrors: (name: string) => errors?.fields[name],
    /** Messages for the general box, given the fields the form shows errors beside. */
    general: (shownFields: readonly string[] = []) => generalMessages(errors, shownFields),
  };
}
