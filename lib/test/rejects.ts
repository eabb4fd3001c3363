import { expect } from "vitest";
import { AppError, type ErrorCode } from "@/lib/errors";

/** Awaits `p`, asserts it failed with an AppError (of `code`, when given) and returns that error. */
export async function rejects(p: Promise<unknown>, code?: ErrorCode): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  if (code) expect((err as AppError).code).toBe(code);
  return err as AppError;
}
