export interface RecentDestination {
  id: string;
  name: string;
}

const KEY = "handoff.transfers.recent-destinations";

/** Destinations this browser sent transfers to, newest first (a convenience, not authority). */
export function readRecentDestinations(): RecentDestination[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((d) => typeof d?.id === "string" && typeof d?.name === "string").slice(0, 5) : [];
  } catch {
    return [];
  }
}

export function rememberDestination(d: RecentDestination): void {
  try {
    const next = [d, ...readRecentDestinations().filter((x) => x.id !== d.id)].slice(0, 5);
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage may be unavailable (private mode); recents are optional.
  }
}
