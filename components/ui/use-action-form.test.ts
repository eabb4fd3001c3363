import { zodResolver } from "@hookform/resolvers/zod";
import { describe, expect, it } from "vitest";
import { deviceTypeFormSchema } from "@/lib/device-types/schemas";
import { deviceFormSchema } from "@/lib/devices/schemas";
import { nestedMessage } from "./use-action-dialog";
import { fieldMessages } from "./use-action-form";

// What the browser runs before a form reaches its server action: the resolver with every criterion.
async function clientErrors(schema: Parameters<typeof zodResolver>[0], values: Record<string, string>) {
  const r = await zodResolver(schema)(values, undefined, { criteriaMode: "all", fields: {}, shouldUseNativeValidation: false });
  return Object.fromEntries(Object.keys(values).map((k) => [k, fieldMessages((r.errors as Record<string, unknown>)[k])]));
}

describe("fieldMessages", () => {
  it("shows a nested path on its top-level control, prefixed, as actionErrors does for the server", async () => {
    const values = { name: "", manufacturer: "Acme", model: "M", type: "gateway", long_description: "", capabilities: "", config: '{"heartbeat_period": 0, "log_config": 2}' };
    expect(await clientErrors(deviceTypeFormSchema, values)).toMatchObject({
      name: ["name is required"],
      manufacturer: [],
      config: ["heartbeat_period must be at least 1 second", "log_config must be a JSON object"],
    });
  });

  it("keeps every message of one field, and of each list item", async () => {
    const long = "x".repeat(65);
    expect(await clientErrors(deviceFormSchema, { name: " ", tags: `a, ${long}, ${long}2`, heartbeat_period: "1.5" })).toEqual({
      name: ["name is required"],
      tags: ["1: a tag may be 64 characters at most", "2: a tag may be 64 characters at most"],
      heartbeat_period: ["heartbeat_period must be a whole number of seconds"],
    });
  });

  it("reads errors set by hand: a server's list under types, or a single message", () => {
    expect(fieldMessages({ type: "server", message: "a", types: { server: ["a", "b"] } })).toEqual(["a", "b"]);
    expect(fieldMessages({ type: "custom", message: "only" })).toEqual(["only"]);
    expect(fieldMessages(undefined)).toEqual([]);
  });
});

describe("nestedMessage", () => {
  it("names the path once", () => {
    expect(nestedMessage("", "name is required")).toBe("name is required");
    expect(nestedMessage("heartbeat_period", "heartbeat_period must be at least 1 second")).toBe("heartbeat_period must be at least 1 second");
    expect(nestedMessage("heartbeat_period", "must be at least 1 second")).toBe("heartbeat_period: must be at least 1 second");
    expect(nestedMessage("modbus.port", "port must be a number")).toBe("modbus.port must be a number");
    expect(nestedMessage("1", "a tag may be 64 characters at most")).toBe("1: a tag may be 64 characters at most");
  });
});
