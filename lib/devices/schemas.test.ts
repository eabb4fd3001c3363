import { describe, expect, it } from "vitest";
import { deviceFormSchema, deviceUpdateSchema } from "./schemas";

function issues(values: Record<string, unknown>) {
  const r = deviceFormSchema.safeParse(values);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("deviceFormSchema (the portal form, validated in the browser)", () => {
  it("turns the form's text into what PUT devices/{id} accepts", () => {
    const out = deviceFormSchema.parse({ name: " Pump 1 ", tags: "north, , pump-station, north", heartbeat_period: " 120 " });
    expect(out).toEqual({ name: "Pump 1", tags: ["north", "pump-station"], heartbeat_period: 120 });
    expect(deviceUpdateSchema.parse(out)).toEqual(out);
    expect(deviceFormSchema.parse({ name: "x", tags: "", heartbeat_period: "60" }).tags).toEqual([]);
  });

  it("gives a period that is not a number the service's message, blank included", () => {
    for (const p of ["abc", "", "  ", "12s"]) expect(issues({ name: "x", tags: "", heartbeat_period: p })).toEqual(["heartbeat_period: heartbeat_period must be a number of seconds"]);
    expect(issues({ name: "x", tags: "", heartbeat_period: "1.5" })).toEqual(["heartbeat_period: heartbeat_period must be a whole number of seconds"]);
    expect(issues({ name: "x", tags: "", heartbeat_period: "0" })).toEqual(["heartbeat_period: heartbeat_period must be at least 1 second"]);
    expect(issues({ name: "x", tags: "", heartbeat_period: "86401" })).toEqual(["heartbeat_period: heartbeat_period may be 86400 seconds (one day) at most"]);
  });

  it("lists every problem in every field, not only the first", () => {
    expect(issues({ name: "  ", tags: `ok, ${"t".repeat(65)}`, heartbeat_period: "soon" })).toEqual([
      "name: name is required",
      "tags.1: a tag may be 64 characters at most",
      "heartbeat_period: heartbeat_period must be a number of seconds",
    ]);
  });
});
