import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError, parseInput } from "@/lib/errors";
import { parseTransferCreate } from "./create";
import { transferCreateSchema } from "./schemas";

function outcome(fn: () => unknown): unknown {
  try {
    return { ok: fn() };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { status: err.status, message: err.message, messages: err.messages };
  }
}

describe("parseTransferCreate (one pass over the id list when it is already acceptable)", () => {
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const element = fc.oneof(
    fc.stringMatching(/^[0-9a-f]{24}$/),
    fc.stringMatching(/^[a-z0-9:_-]{1,20}$/),
    fc.constantFrom("", " ", " x", "x ", "\tx", "X", "Gw-1", "a".repeat(64), "a".repeat(65), "a".repeat(128), "a".repeat(129), "dup"),
    fc.string({ maxLength: 70 }),
  );
  const list = fc.oneof(fc.array(element, { maxLength: 12 }), fc.constantFrom("x", null, 7, [7], [null], [], undefined));

  it("answers exactly as the schema does: the same data, or the same 400 and messages", () => {
    fc.assert(
      fc.property(
        list,
        list,
        fc.option(fc.constantFrom(future, "2001-01-01T00:00:00Z", "soon"), { nil: undefined }),
        fc.constantFrom("acc", "", 5),
        (ids, uniqueIds, expires, to) => {
          const input: Record<string, unknown> = { to_company_id: to, device_type_id: "type", ...(expires ? { expires_at: expires } : {}) };
          if (ids !== undefined) input.escrow_device_ids = ids;
          if (uniqueIds !== undefined && (ids === undefined || uniqueIds !== null)) input.unique_ids = uniqueIds;
          expect(outcome(() => parseTransferCreate(input))).toEqual(outcome(() => parseInput(transferCreateSchema, input)));
        },
      ),
      { numRuns: 600 },
    );
    for (const odd of [null, "x", [1], 7]) expect(outcome(() => parseTransferCreate(odd))).toEqual(outcome(() => parseInput(transferCreateSchema, odd)));
  });

  it("10,000 distinct ids pass in one pass; 10,001 or a repeated id are refused with the schema's message", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `id-${i}`);
    expect(parseTransferCreate({ to_company_id: "a", device_type_id: "t", escrow_device_ids: many }).escrow_device_ids).toEqual(many);
    expect(parseTransferCreate({ to_company_id: "a", device_type_id: "t", unique_ids: many }).unique_ids).toEqual(many);
    const over = outcome(() => parseTransferCreate({ to_company_id: "a", device_type_id: "t", escrow_device_ids: [...many, "id-x"] })) as { messages: string[] };
    expect(over.messages.join("\n")).toContain("10,000 escrow devices at most");
    const dup = outcome(() => parseTransferCreate({ to_company_id: "a", device_type_id: "t", escrow_device_ids: ["a", "b", "a"] })) as { messages: string[] };
    expect(dup.messages.join("\n")).toContain("more than once: a");
    expect(parseTransferCreate({ to_company_id: "a", device_type_id: "t", escrow_device_ids: [" a ", "b"] }).escrow_device_ids).toEqual(["a", "b"]);
    expect(parseTransferCreate({ to_company_id: "a", device_type_id: "t", unique_ids: [" GW-1 ", "gw-2"] }).unique_ids).toEqual(["gw-1", "gw-2"]);
  });
});
