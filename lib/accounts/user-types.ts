import type { Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { csvLine, csvResponse } from "@/lib/list/csv";
import { MAX_PER_PAGE } from "@/lib/list/query";

export interface UserType {
  _id: Role;
  name: string;
  role: Role;
  description: string;
}

/** The three roles under the names EdgeIQ scripts know (`system_admins` for admin). */
export const USER_TYPES: readonly UserType[] = [
  { _id: "viewer", name: "viewers", role: "viewer", description: "Reads everything in the account and its sub-accounts." },
  {
    _id: "member",
    name: "members",
    role: "member",
    description: "Also manages escrow devices, device types, devices and outgoing transfers.",
  },
  {
    _id: "admin",
    name: "system_admins",
    role: "admin",
    description: "Also accepts or rejects incoming transfers and manages members, API tokens and sub-accounts.",
  },
];

const BY_KEY = new Map<string, Role>(USER_TYPES.flatMap((t) => [[t._id, t.role] as const, [t.name, t.role] as const]));

/** A `user_type_id` (or a user type's name) → its role; undefined when it names no user type. */
export function roleOfUserType(idOrName: string): Role | undefined {
  return BY_KEY.get(idOrName);
}

const FIELDS = ["_id", "name", "role"] as const;
type Field = (typeof FIELDS)[number];
const isField = (s: string): s is Field => (FIELDS as readonly string[]).includes(s);

/**
 * `GET user_types`: a fixed list, with the §1 list conventions (filters on `_id`, `name`, `role`
 * with eq/ne/in/nin/like, page, per_page, page_meta, order_by, format; anything else is a 400).
 */
export function listUserTypes(params: URLSearchParams) {
  const problems: string[] = [];
  const tests: ((t: UserType) => boolean)[] = [];
  let page = 1;
  let perPage = 25;
  let order: { field: Field; desc: boolean } | null = null;
  let csv = false;
  for (const [key, raw] of params) {
    if (key === "page" || key === "per_page") {
      const n = Number(raw);
      const max = key === "page" ? 1_000_000 : MAX_PER_PAGE;
      if (!Number.isInteger(n) || n < 1 || n > max) problems.push(`${key}: must be a whole number from 1 to ${max}`);
      else if (key === "page") page = n;
      else perPage = n;
      continue;
    }
    if (key === "page_meta") {
      if (raw !== "true" && raw !== "false") problems.push("page_meta: must be true or false");
      continue;
    }
    if (key === "format") {
      if (raw !== "json" && raw !== "csv") problems.push("format: must be json or csv");
      else csv = raw === "csv";
      continue;
    }
    if (key === "order_by") {
      const field = raw.startsWith("-") ? raw.slice(1) : raw;
      if (isField(field)) order = { field, desc: raw.startsWith("-") };
      else problems.push(`order_by: cannot order by "${field}"`);
      continue;
    }
    const m = /^(.+?)(?:_(eq|ne|in|nin|like))?$/.exec(key);
    const field = m?.[1] ?? "";
    if (!m || !isField(field)) {
      problems.push(`${key}: unknown filter field (known: ${FIELDS.join(", ")})`);
      continue;
    }
    const values = raw.split(",").map((s) => s.trim());
    switch (m[2] ?? "eq") {
      case "eq":
        tests.push((t) => t[field] === raw);
        break;
      case "ne":
        tests.push((t) => t[field] !== raw);
        break;
      case "in":
        tests.push((t) => values.includes(t[field]));
        break;
      case "nin":
        tests.push((t) => !values.includes(t[field]));
        break;
      case "like":
        tests.push((t) => t[field].toLowerCase().includes(raw.toLowerCase()));
        break;
    }
  }
  if (problems.length) throw new AppError("invalid", "invalid query", { messages: problems });
  let rows = USER_TYPES.filter((t) => tests.every((fn) => fn(t)));
  if (order) {
    const { field, desc } = order;
    rows = [...rows].sort((a, b) => a[field].localeCompare(b[field]) * (desc ? -1 : 1));
  }
  if (csv) {
    // Three fixed rows: no database to page through, one chunk.
    const columns: (keyof UserType)[] = ["_id", "name", "role", "description"];
    const text = csvLine(columns) + rows.map((t) => csvLine(columns.map((c) => t[c]))).join("");
    return csvResponse(new Blob([text]).stream(), "user-types.csv");
  }
  const resources = rows.slice((page - 1) * perPage, page * perPage);
  return params.get("page_meta") === "true" ? { resources, page, per_page: perPage, total: rows.length } : resources;
}
