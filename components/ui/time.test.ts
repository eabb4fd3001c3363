import { describe, expect, it } from "vitest";
import { relativeTime } from "./time";

describe("relative times", () => {
  const now = Date.parse("2026-11-27T12:00:00Z");
  const at = (deltaSeconds: number) => relativeTime(new Date(now + deltaSeconds * 1000), now);

  it("says how long ago", () => {
    expect(at(-10)).toBe("just now");
    expect(at(-60)).toBe("1 minute ago");
    expect(at(-5 * 60)).toBe("5 minutes ago");
    expect(at(-3600)).toBe("1 hour ago");
    expect(at(-26 * 3600)).toBe("yesterday");
    expect(at(-3 * 86400)).toBe("3 days ago");
  });

  it("says how long until a time to come (a retry, an expiry), never just 'in the future'", () => {
    expect(at(10)).toBe("in less than a minute");
    expect(at(60)).toBe("in a minute");
    expect(at(10 * 60)).toBe("in 10 minutes");
    expect(at(3600)).toBe("in an hour");
    expect(at(5 * 3600)).toBe("in 5 hours");
    expect(at(86400)).toBe("in a day");
    expect(at(7 * 86400)).toBe("in 7 days");
  });
});
