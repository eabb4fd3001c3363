import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "@/lib/test/db";
import { startTestApi, type TestApi } from "@/lib/test/http";
import { contractProblems, documentedOperation } from "./contract";
import { openApiDocument } from "./document";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(await testDatabase());
});

describe("the OpenAPI document", () => {
  it("documents every route file under app/api/v1 with every method it exports (catch-alls excepted)", async () => {
    const root = path.join(process.cwd(), "app", "api", "v1");
    const missing: string[] = [];
    const files = routeFiles(root).filter((f) => !f.includes("[..."));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const rel = path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep);
      const apiPath = `/${rel.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const m of METHODS) {
        if (typeof mod[m] !== "function") continue;
        const doc = openApiDocument().paths?.[apiPath] as Record<string, unknown> | undefined;
        if (!doc?.[m.toLowerCase()]) missing.push(`${m} ${apiPath}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("is served at /api/v1/openapi.json without auth, as OpenAPI 3.1 with auth schemes and the error body", async () => {
    const r = await api.call("GET", "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe("3.1.0");
    expect(Object.keys(r.body.components.securitySchemes).sort()).toEqual(["bearer", "device", "token"]);
    expect(r.body.components.schemas.Error.required).toEqual(["error", "messages"]);
    const list = r.body.paths["/api/v1/platform/escrow_devices"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["page", "per_page", "page_meta", "order_by", "format", "unique_id"]));
    expect(Object.keys(list.responses["200"].content)).toEqual(["application/json", "text/csv"]);
    expect(r.body.paths["/api/v1/platform/webhooks"].post.parameters.map((p: { name: string }) => p.name)).toContain("idempotency-key");
    expect(Object.keys(r.body.webhooks)).toContain("transfer.accepted");
    // Request bodies are the lib's own zod schemas: the webhook create body lists its event enum.
    expect(JSON.stringify(r.body.components.schemas.WebhookCreate)).toContain("escrow_device.first_checkin");
  });

  it("the response check can fail: wrong shapes, undocumented statuses and undocumented routes are caught", () => {
    expect(documentedOperation("get", "/api/v1/platform/device_types/abc")?.path).toBe("/api/v1/platform/device_types/{id}");
    expect(documentedOperation("post", "/api/v1/platform/escrow_devices/bulk")?.path).toBe("/api/v1/platform/escrow_devices/bulk");
    expect(contractProblems("GET", "/api/v1/platform/me", 200, "application/json", { _id: 1 }).length).toBeGreaterThan(0);
    expect(contractProblems("GET", "/api/v1/platform/me", 418, "application/json", { error: "x", messages: [] })[0]).toMatch(/not documented/);
    expect(contractProblems("GET", "/api/v1/platform/me", 401, "application/json", { error: "x" })[0]).toMatch(/messages/);
    expect(contractProblems("GET", "/api/v1/platform/nope", 200, "application/json", {})[0]).toMatch(/not in the OpenAPI document/);
    expect(contractProblems("GET", "/api/v1/platform/nope", 404, "application/json", { error: "not found", messages: ["no such endpoint"] })).toEqual([]);
  });
});
