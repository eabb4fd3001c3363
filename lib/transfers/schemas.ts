import { z } from "zod";

export const MAX_DEVICES_PER_REQUEST = 10_000;

const id = z.string({ error: "must be a string" }).trim().min(1, "is required").max(64, "is not a valid id");

function noDuplicates(what: string) {
  return (values: string[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    const dupes = new Set<string>();
    for (const v of values) (seen.has(v) ? dupes : seen).add(v);
    if (dupes.size) ctx.addIssue({ code: "custom", message: `lists these ${what} more than once: ${[...dupes].slice(0, 20).join(", ")}` });
  };
}

const most = `${MAX_DEVICES_PER_REQUEST.toLocaleString("en-US")}`;

export const transferCreateSchema = z
  .object({
    to_company_id: id,
    device_type_id: id,
    escrow_device_ids: z
      .array(id, { error: "must be an array of escrow device ids" })
      .min(1, "must name at least one escrow device")
      .max(MAX_DEVICES_PER_REQUEST, `may name ${most} escrow devices at most`)
      .superRefine(noDuplicates("escrow devices"))
      .optional(),
    /** A packing list: the escrow devices by unique_id (API.md §9). */
    unique_ids: z
      .array(z.string({ error: "must be a string" }).trim().toLowerCase().min(1, "is required").max(128, "is not a valid unique_id"), {
        error: "must be an array of unique_ids",
      })
      .min(1, "must name at least one unique_id")
      .max(MAX_DEVICES_PER_REQUEST, `may name ${most} unique_ids at most`)
      .superRefine(noDuplicates("unique_ids"))
      .optional(),
    expires_at: z
      .union([z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" }), z.iso.date({ error: "must be an ISO-8601 date" })], {
        error: "must be an ISO-8601 date-time",
      })
      .nullish()
      .transform((v) => (v ? new Date(v) : null))
      .refine((d) => d == null || d.getTime() > Date.now(), "must be in the future"),
  })
  .superRefine((v, ctx) => {
    if (!v.escrow_device_ids && !v.unique_ids) ctx.addIssue({ code: "custom", path: ["escrow_device_ids"], message: "is required (or unique_ids)" });
    if (v.escrow_device_ids && v.unique_ids) ctx.addIssue({ code: "custom", path: ["unique_ids"], message: "give escrow_device_ids or unique_ids, not both" });
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

export const transferRuleCreateSchema = z.object({
  from_company_id: id,
  device_type_id: id.nullish().transform((v) => v || null),
  company_id: id.nullish().transform((v) => v || null),
});

/** The portal's packing-list check: unique_ids as pasted (normalised and de-duplicated here). */
export const packingListSchema = z.object({
  company_id: id,
  unique_ids: z
    .array(z.string({ error: "must be a string" }).max(256, "is too long"), { error: "must be an array of unique_ids" })
    .max(MAX_DEVICES_PER_REQUEST * 2, `may name ${most} unique_ids at most`),
});
