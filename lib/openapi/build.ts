import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { errorBody } from "./resources";

export type Method = "get" | "post" | "put" | "delete";
type Schema = z.ZodType;

export interface OperationSpec {
  method: Method;
  /** OpenAPI path, e.g. `/api/v1/platform/webhooks/{id}`. */
  path: string;
  summary: string;
  tag: string;
  description?: string;
  /** `user` (session or API token), `device` (device token) or `none`. Default: user. */
  auth?: "user" | "device" | "none";
  query?: z.ZodObject;
  body?: Schema;
  /** Status → JSON body schema (null: no body). */
  responses: Record<number, Schema | null>;
  /** A list (API.md §1): adds page, per_page, page_meta, order_by, format and these filter fields. */
  list?: { filters: string[] };
  /** Extra statuses this operation may answer with the error body. */
  errors?: number[];
}

const LIST_QUERY = z.object({
  page: z.coerce.number().int().min(1).optional().meta({ description: "1-based page (default 1)." }),
  per_page: z.coerce.number().int().min(1).max(1000).optional().meta({ description: "Page size (default 25, max 1000)." }),
  page_meta: z.enum(["true", "false"]).optional().meta({ description: 'With `true`, the answer is `{"resources", "page", "per_page", "total"}`.' }),
  order_by: z.string().optional().meta({ description: "A field, `-field` for descending; several comma-separated. Default `-created_at`." }),
  format: z.enum(["json", "csv"]).optional().meta({ description: "`csv` streams every matching row (up to 100,000) as CSV, ignoring pagination." }),
});

const FILTER_HELP =
  "Equality, or `<field>_<op>=value` with op one of eq, ne, like (case-insensitive substring), gt, gte, lt, lte, in, nin (comma-separated). An unknown filter field is a 400.";

function listOf(item: Schema, name: string): Schema {
  return z
    .union([
      z.array(item),
      z.object({ resources: z.array(item), page: z.number().int(), per_page: z.number().int(), total: z.number().int() }).meta({ description: "With page_meta=true." }),
    ])
    .meta({ id: `${name}List` });
}

const STANDARD_ERRORS: Record<number, string> = {
  400: "Invalid input: every problem is listed in `messages`.",
  401: "No, invalid or expired token.",
  403: "Signed in, but the role does not allow this.",
  404: "Does not exist, or is not visible to you.",
  409: "State conflict.",
  413: "Body too large.",
  422: "Idempotency-Key reused with a different request.",
  429: "Rate limited; see Retry-After.",
};

function operation(spec: OperationSpec, listName: string): ZodOpenApiOperationObject {
  const pathParams = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, schema] of Object.entries(spec.responses)) {
    const s = Number(status);
    const body = schema && spec.list && s === 200 ? listOf(schema, listName) : schema;
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: s === 304 ? "Not modified." : s === 201 ? "Created." : "OK.",
      ...(body && {
        content: {
          "application/json": { schema: body },
          ...(spec.list && s === 200 ? { "text/csv": { schema: z.string().meta({ description: "With format=csv." }) } } : {}),
        },
      }),
    };
  }
  const errorStatuses = new Set([...(spec.body || spec.query || spec.list ? [400] : []), ...(spec.auth === "none" ? [] : [401]), ...(spec.auth === "user" || spec.auth == null ? [403, 404] : []), ...(spec.errors ?? [])]);
  if (spec.method === "post" && (spec.auth ?? "user") === "user") errorStatuses.add(422);
  if (spec.body) errorStatuses.add(413);
  for (const s of [...errorStatuses].sort()) {
    responses[String(s) as `4${string}`] = { description: STANDARD_ERRORS[s] ?? "Refused.", content: { "application/json": { schema: errorBody } } };
  }
  let query = spec.query;
  if (spec.list) {
    const filters = Object.fromEntries(spec.list.filters.map((f) => [f, z.string().optional().meta({ description: FILTER_HELP })]));
    query = LIST_QUERY.extend(filters).extend(spec.query?.shape ?? {});
  }
  const auth = spec.auth ?? "user";
  return {
    summary: spec.summary,
    tags: [spec.tag],
    ...(spec.description && { description: spec.description }),
    security: auth === "user" ? [{ token: [] }, { bearer: [] }] : auth === "device" ? [{ device: [] }] : [],
    requestParams: {
      ...(pathParams.length && { path: z.object(Object.fromEntries(pathParams.map((p) => [p, z.string()]))) }),
      ...(query && { query }),
      ...(spec.method === "post" && auth === "user" && {
        header: z.object({
          "idempotency-key": z
            .string()
            .max(255)
            .optional()
            .meta({ description: "Retries with the same key and body within 24 h return the first answer (with `Idempotent-Replayed: true`) and do nothing again." }),
        }),
      }),
    },
    ...(spec.body && { requestBody: { required: true, content: { "application/json": { schema: spec.body } } } }),
    responses,
  };
}

export function buildPaths(specs: OperationSpec[]): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const spec of specs) {
    const name = spec.path
      .split("/")
      .filter((s) => s && !s.startsWith("{") && !["api", "v1", "platform", "gateway"].includes(s))
      .map((s) => s.replace(/(^|_)(\w)/g, (_m, _u, c: string) => c.toUpperCase()))
      .join("");
    paths[spec.path] ??= {};
    paths[spec.path][spec.method] = operation(spec, name);
  }
  return paths;
}
