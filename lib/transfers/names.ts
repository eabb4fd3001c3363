const LISTED = 100;

/** Messages naming every item, capped so a 10,000-device problem stays a readable body. */
export function nameEach(items: string[]): string[] {
  if (items.length <= LISTED) return items;
  return [...items.slice(0, LISTED), `… and ${(items.length - LISTED).toLocaleString("en-US")} more`];
}
