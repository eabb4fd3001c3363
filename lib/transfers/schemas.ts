import { z } from "zod";

export const MAX_DEVICES_PER_REQUEST = 10_000;

const id = z.string({ error: "must be a string" }).trim().min(1, "is required").max(64, "is not a valid id");

export const transferCreateSchema = z.object({
  to_company_id: id,
  device_type_id: id,
  escrow_device_ids: z
    .array(id, { error: "must be an array of escrow device ids" })
    .min(1, "must name at least one escrow device")
    .max(MAX_DEVICES_PER_REQUEST, `may name ${MAX_DEVICES_PER_REQUEST.toLocaleString("en-US")} escrow devices at most`)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      const dupes = new Set<string>();
      for (const v of ids) (seen.has(v) ? dupes : seen).add(v);
      if (dupes.size) ctx.addIssue({ code: "custom", message: `lists these escrow devices more than once: ${[...dupes].slice(0, 20).join(", ")}` });
    }),
  expires_at: z
    .union([z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" }), z.iso.date({ error: "must be an ISO-8601 date" })], {
      error: "must be an ISO-8601 date-time",
    })
    .nullish()
    .transform((v) => (v ? new Date(v) : null))
    .refine((d) => d == null || d.getTime() > Date.now(), "must be in the future"),
});
export type TransferCreateInput = z.infer<typeof transferCreateSchema>;

export const acceptSchema = z.object({
  device_type_id: id.nullish().transform((v) => v || null),
});

export const rejectSchema = z.object({
  reason: z
    .string({ error: "must be a string" })
    .trim()
    .max(500, "500 characters at most")
    .nullish()
    .transform((v) => v || null),
});
