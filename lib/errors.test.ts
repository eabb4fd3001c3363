import { describe, expect, it } from "vitest";
import { AppError, fieldErrorsFromMessages, invalid } from "./errors";

describe("field problems from hand-written checks", () => {
  it("reads `field: problem` messages, nested paths included, and leaves the rest out", () => {
    expect(
      fieldErrorsFromMessages([
        "from_company_id: must be another account than the destination",
        "config.heartbeat_period: must be a whole number",
        "device_type_id: is not a device type of the destination account",
        "device_type_id: second problem",
        "row 3: unique_id is missing",
        "Something went wrong",
        "__proto__: not a field",
        "URL: upper case is not a field name",
      ]),
    ).toEqual({
      from_company_id: ["must be another account than the destination"],
      "config.heartbeat_period": ["must be a whole number"],
      device_type_id: ["is not a device type of the destination account", "second problem"],
    });
  });

  it("an AppError without explicit field problems derives them; explicit ones win", () => {
    expect(invalid("invalid transfer rule", { messages: ["from_company_id: must be another account than the destination"] }).fieldErrors).toEqual({
      from_company_id: ["must be another account than the destination"],
    });
    expect(new AppError("invalid", "bad", { messages: ["url: nope"], fieldErrors: { url: ["explicit"] } }).fieldErrors).toEqual({ url: ["explicit"] });
    expect(new AppError("not_found", "company not found").fieldErrors).toEqual({});
  });
});
