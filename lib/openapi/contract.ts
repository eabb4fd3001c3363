import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { openApiDocument } from "./document";

/**
 * Checks an API response against the OpenAPI document: the route and status must be documented,
 * and a JSON body must validate against the schema documented for that status (JSON Schema
 * 2020-12, which OpenAPI 3.1 schemas are). Used by the test suite's HTTP helper on every call.
 */
type Doc = ReturnType<typeof openApiDocument>;
interface Route {
  regex: RegExp;
  path: string;
  params: number;
}

let state: { doc: Doc; ajv: Ajv2020; routes: Route[]; cache: Map<string, ValidateFunction> } | null = null;

function init() {
  if (state) return state;
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const routes = Object.keys(doc.paths ?? {})
    .map((path) => ({
      path,
      regex: new RegExp(`^${path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`),
      params: (path.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);
  state = { doc, ajv, routes, cache: new Map() };
  return state;
}

/** Builds the document and compiles every response schema up front (so no test's timing pays for it). */
export function warmContract(): void {
  const s = init();
  for (const [path, item] of Object.entries(s.doc.paths ?? {}))
    for (const [method, op] of Object.entries(item as Record<string, { responses?: Record<string, { content?: Record<string, { schema: object }> }> }>))
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        const schema = res.content?.["application/json"]?.schema;
        if (schema) validator(`${path} ${method} ${status}`, schema);
      }
}

function validator(key: string, schema: object): ValidateFunction {
  const s = init();
  let v = s.cache.get(key);
  if (!v) {
    // The schema travels with the document's components, so its #/components/... refs resolve.
    v = s.ajv.compile({ ...schema, components: s.doc.components });
    s.cache.set(key, v);
  }
  return v;
}

export function documentedOperation(method: string, pathname: string): { path: string; operation: Record<string, unknown> } | null {
  const s = init();
  const m = method.toLowerCase();
  for (const r of s.routes) {
    const item = (s.doc.paths as Record<string, Record<string, Record<string, unknown>>>)[r.path];
    if (r.regex.test(pathname) && item[m]) return { path: r.path, operation: item[m] };
  }
  return null;
}

export function contractProblems(method: string, pathname: string, status: number, contentType: string | null, body: unknown): string[] {
  const s = init();
  const where = `${method} ${pathname} → ${status}`;
  const found = documentedOperation(method, pathname);
  const errorSchema = s.doc.components?.schemas?.Error as object;
  if (!found) {
    // Unknown paths and methods: the catch-all routes answer 404 with the error body.
    if (status >= 400 && (body === null || body === "")) return [];
    if (status >= 400) return check(validator("Error", errorSchema), body, where);
    return [`${where}: the route is not in the OpenAPI document`];
  }
  if (status === 599) return [];
  const responses = found.operation.responses as Record<string, { content?: Record<string, { schema: object }> }>;
  const response = responses[String(status)];
  if (!response) return [`${where}: status ${status} is not documented for ${method.toUpperCase()} ${found.path}`];
  if (!response.content) return body === null || body === "" ? [] : [`${where}: documented without a body, but one was sent`];
  const type = (contentType ?? "").split(";")[0].trim();
  const media = response.content[type];
  if (!media) return [`${where}: content type "${type}" is not documented (documented: ${Object.keys(response.content).join(", ")})`];
  if (type !== "application/json") return [];
  return check(validator(`${found.path} ${method.toLowerCase()} ${status}`, media.schema), body, where);
}

function check(v: ValidateFunction, body: unknown, where: string): string[] {
  if (v(body)) return [];
  return (v.errors ?? []).slice(0, 8).map((e) => `${where}: body${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}
