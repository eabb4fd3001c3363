import { z } from "zod";
import { ROLES } from "@/db/schema";

export const email = z
  .string({ error: "must be a string" })
  .trim()
  .toLowerCase()
  .max(254, "254 characters at most")
  .pipe(z.email({ error: "must be an email address" }));
export const password = z
  .string({ error: "must be a string" })
  .min(10, "must be at least 10 characters")
  .max(256, "256 characters at most");
const name = (max = 100) => z.string({ error: "must be a string" }).trim().max(max, `${max} characters at most`);
export const id = z.string({ error: "must be a string" }).trim().min(1, "is required").max(64, "is not a valid id");

export const signupSchema = z.object({
  email,
  password,
  first_name: name().optional(),
  last_name: name().optional(),
  company_name: name(120).min(1, "is required"),
});

export const authenticateSchema = z.object({
  email: z.string({ error: "must be a string" }).trim().toLowerCase().max(254),
  password: z.string({ error: "must be a string" }).max(256),
  token_expiry: z.coerce.number({ error: "must be a number of seconds" }).int().min(60).max(60 * 60 * 24 * 90).optional(),
});

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });

export const inviteSchema = z.object({
  email,
  password: password.optional(),
  first_name: name().optional(),
  last_name: name().optional(),
  company_id: id,
  role: roleSchema,
});

export const companyCreateSchema = z.object({
  name: name(120).min(1, "is required"),
  company_id: id,
});

export const apiTokenCreateSchema = z.object({
  name: name(80).min(1, "is required"),
});
