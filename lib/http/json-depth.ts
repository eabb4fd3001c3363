export const MAX_JSON_DEPTH = 32;

/**
 * The first top-level field whose value nests objects/arrays deeper than `max` levels (the body
 * itself is level 1), "body" when the body itself is too deep, or null. Iterative: a body 100,000
 * levels deep is walked without recursion, before anything recursive (zod, JSON.stringify) sees it.
 */
export function tooDeepField(value: unknown, max = MAX_JSON_DEPTH): string | null {
  if (value === null || typeof value !== "object") return null;
  const stack: { v: object; depth: number; field: string | null }[] = [{ v: value, depth: 1, field: null }];
  while (stack.length > 0) {
    const { v, depth, field } = stack.pop()!;
    if (depth > max) return field ?? "body";
    const topLevel = depth === 1 && !Array.isArray(v);
    for (const [key, child] of Object.entries(v)) {
      if (child !== null && typeof child === "object") stack.push({ v: child, depth: depth + 1, field: topLevel ? key : field });
    }
  }
  return null;
}

export function tooDeepMessage(field: string, max = MAX_JSON_DEPTH): string {
  return `${field}: JSON may be nested ${max} levels deep at most`;
}
