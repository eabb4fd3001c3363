"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState, useTransition } from "react";
import { type DefaultValues, type FieldValues, type Path, useForm } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/http/action-result";
import { actionErrors, generalMessages, nestedMessage } from "./use-action-dialog";

// Keys of react-hook-form's error objects that are not nested field names.
const ERROR_KEYS = new Set(["type", "message", "types", "ref", "root"]);

/**
 * Every message react-hook-form holds for one field: all of its own (every criterion, not only the
 * first), then those of nested paths (`nestedMessage`) — `config.heartbeat_period` shows on the
 * config control as "heartbeat_period must be …", the way `actionErrors` places a server's nested paths.
 */
export function fieldMessages(error: unknown, path = ""): string[] {
  if (!error || typeof error !== "object") return [];
  const e = error as { message?: unknown; types?: Record<string, unknown> };
  const own = e.types ? Object.values(e.types).flat() : [e.message];
  const out = own.filter((m): m is string => typeof m === "string" && m !== "").map((m) => nestedMessage(path, m));
  for (const [key, child] of Object.entries(error)) {
    if (!ERROR_KEYS.has(key)) out.push(...fieldMessages(child, path ? `${path}.${key}` : key));
  }
  return [...new Set(out)];
}

/**
 * A larger form (react-hook-form): validated in the browser with the zod schema the server
 * applies, then sent to a server action, which stays authoritative — its field errors land on
 * their controls through `setError`, anything else in the general box.
 */
export function useActionForm<In extends FieldValues, Out, R>(opts: {
  schema: z.ZodType<Out, In>;
  defaultValues: In;
  disabled?: boolean;
  action: (values: Out) => Promise<ActionResult<R>>;
  onSuccess?: (data: R) => void;
}) {
  const { schema, defaultValues, disabled, action, onSuccess } = opts;
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(schema),
    defaultValues: defaultValues as DefaultValues<In>,
    criteriaMode: "all",
    disabled,
  });
  const [general, setGeneral] = useState<{ messages: string[]; summary?: string }>({ messages: [] });
  const [saved, setSaved] = useState(false);
  const [navigating, startNavigation] = useTransition();
  const fields = Object.keys(defaultValues);

  // "Saved" describes the values on screen: the next edit takes it away.
  useEffect(() => form.subscribe({ formState: { values: true }, callback: () => setSaved(false) }), [form]);

  const submit = form.handleSubmit(
    async (values) => {
      setGeneral({ messages: [] });
      const r = await action(values);
      if (!r.ok) {
        const errors = actionErrors(r);
        for (const [name, list] of Object.entries(errors.fields)) {
          if (fields.includes(name)) form.setError(name as Path<In>, { type: "server", message: list[0], types: { server: list } });
        }
        setGeneral({ messages: generalMessages(errors, fields), summary: errors.summary });
        return;
      }
      setSaved(true);
      startNavigation(() => onSuccess?.(r.data));
    },
    () => {
      setGeneral({ messages: [] });
      setSaved(false);
    },
  );

  return {
    form,
    submit,
    pending: form.formState.isSubmitting || navigating,
    saved,
    /** Messages for one field (shown under its control), or undefined when it has none. */
    errors: (name: Path<In>) => {
      const list = fieldMessages((form.formState.errors as Record<string, unknown>)[name]);
      return list.length ? list : undefined;
    },
    /** Problems that belong to no control on the form, for the general box (with its summary as title). */
    general: general.messages,
    generalTitle: general.messages.length ? general.summary : undefined,
  };
}
