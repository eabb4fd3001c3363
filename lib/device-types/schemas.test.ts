import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deviceTypeCreateSchema, deviceTypeFormSchema } from "./schemas";

const form = { name: "Edge 900", manufacturer: "Acme", model: "EG-900", type: "gateway", long_description: "", capabilities: "", config: '{"heartbeat_period": 30}' };

function issues(values: Record<string, unknown>) {
  const r = deviceTypeFormSchema.safeParse(values);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("deviceTypeFormSchema (the portal form, validated in the browser)", () => {
  it("parses the JSON fields (blank is {}) into what the services accept", () => {
    const out = deviceTypeFormSchema.parse({ ...form, name: "  Edge 900 ", capabilities: '{"lte": true}' });
    expect(out).toEqual({ ...form, capabilities: { lte: true }, config: { heartbeat_period: 30 } });
    expect(deviceTypeFormSchema.parse(form).capabilities).toEqual({});
    expect(deviceTypeCreateSchema.safeParse(out).success).toBe(true);
  });

  it("says where a JSON syntax error is", () => {
    expect(issues({ ...form, config: '{"heartbeat_period": 30,\n "log_config": {"level": "info"},}' })).toEqual([
      expect.stringMatching(/^config: Config is not valid JSON: line 2, column \d+ \(/),
    ]);
  });

  it("holds parsed JSON to the service's rules, with their messages and nested paths", () => {
    expect(issues({ ...form, config: '{"heartbeat_period": 0, "log_config": 1}' })).toEqual([
      "config.heartbeat_period: heartbeat_period must be at least 1 second",
      "config.log_config: log_config must be a JSON object",
    ]);
    expect(issues({ ...form, capabilities: "[1, 2]" })).toEqual(["capabilities: capabilities must be a JSON object"]);
  });

  it("lists every problem in every field, not only the first", () => {
    expect(issues({ ...form, name: " ", model: "x".repeat(201), type: "toaster", config: "{", capabilities: "null" })).toEqual([
      "name: name is required",
      "model: model may be 200 characters at most",
      "type: type must be one of gateway, sensor, cloud_native, modem, lwm2m",
      "capabilities: capabilities must be a JSON object",
      expect.stringMatching(/^config: Config is not valid JSON: line 1, column/),
    ]);
  });
});

describe("client-safe schema modules", () => {
  // The portal's forms import these in the browser: nothing they reach may be server-only.
  const root = path.resolve(import.meta.dirname, "../..");
  function reach(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    for (const [, spec] of src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)) {
      if (spec.startsWith("@/") || spec.startsWith(".")) {
        const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : path.resolve(path.dirname(file), spec);
        reach(existsSync(`${base}.ts`) ? `${base}.ts` : `${base}/index.ts`, seen);
      } else {
        seen.add(spec);
      }
    }
    return seen;
  }

  it.each(["lib/device-types/schemas.ts", "lib/devices/schemas.ts"])("%s imports only zod and pure modules of ours", (file) => {
    const reached = [...reach(path.join(root, file))].map((f) => (f.startsWith(root) ? path.relative(root, f) : f));
    expect(reached.filter((f) => !f.endsWith(".ts"))).toEqual(["zod"]);
    expect(reached.filter((f) => f.startsWith("db/") && f !== "db/schema/device-type-kinds.ts")).toEqual([]);
  });
});
