import { z } from "zod";
import { ROLES } from "@/db/schema";
import { roleOfUserType } from "./user-types";

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

/** `POST users` (API.md §7): a NEW user, EdgeIQ style. */
export const createUserSchema = z
  .object({
    email,
    password,
    password_confirmation: z.string({ error: "must be a string" }).max(256).optional(),
    first_name: name().optional(),
    last_name: name().optional(),
    company_id: id,
    company_ids: z.array(id, { error: "must be an array of company ids" }).max(100, "100 companies at most").optional(),
    role: roleSchema.optional(),
    user_type_id: z
      .string({ error: "must be a string" })
      .refine((v) => roleOfUserType(v) !== undefined, "is not a user type (GET user_types lists them: viewer, member, admin)")
      .optional(),
  })
  .superRefine((b, c) => {
    if (b.password_confirmation !== undefined && b.password_confirmation !== b.password) {
      c.addIssue({ code: "custom", path: ["password_confirmation"], message: "does not match password" });
    }
    const typeRole = b.user_type_id === undefined ? undefined : roleOfUserType(b.user_type_id);
    if (b.role && typeRole && b.role !== typeRole) {
      c.addIssue({ code: "custom", path: ["role"], message: `contradicts user_type_id "${b.user_type_id}"` });
    }
  })
  .transform(({ user_type_id, role, ...rest }) => ({
    ...rest,
    role: role ?? (user_type_id === undefined ? undefined : roleOfUserType(user_type_id)) ?? ("viewer" as const),
  }));

/** `POST invitations`. */
export const invitationCreateSchema = z.object({
  email,
  company_id: id,
  role: roleSchema.default("viewer"),
});

/** `POST user/signup` through an invitation: no company_name, the invitation's account instead. */
export const invitationSignupSchema = z.object({
  email,
  password,
  first_name: name().optional(),
  last_name: name().optional(),
  invitation_token: z.string({ error: "must be a string" }).trim().min(16, "is not a valid invitation").max(128, "is not a valid invitation"),
});

export const passwordChangeSchema = z.object({
  current_password: z.string({ error: "must be a string" }).min(1, "is required").max(256),
  new_password: password,
});

export const companyCreateSchema = z.object({
  name: name(120).min(1, "is required"),
  company_id: id,
});

export const apiTokenCreateSchema = z.object({
  name: name(80).min(1, "is required"),
});
