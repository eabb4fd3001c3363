/** TanStack Query keys for transfers: one factory, so invalidation hits every view of the data. */
export const transferKeys = {
  all: ["transfers"] as const,
  pendingIncoming: (accountId: string) => ["transfers", "pending-incoming", accountId] as const,
  activation: (id: string) => ["transfers", "activation", id] as const,
  /** What accepting would do with this override (none: null). */
  preview: (id: string, deviceTypeId: string | null) => ["transfers", "preview", id, deviceTypeId ?? ""] as const,
  partners: (accountId: string) => ["transfers", "partners", accountId] as const,
  company: (id: string) => ["transfers", "company", id] as const,
  deviceTypes: (accountId: string) => ["transfers", "device-types", accountId] as const,
  packingList: (accountId: string, uniqueIds: string[]) => ["transfers", "packing-list", accountId, uniqueIds.length, uniqueIds.join("\n")] as const,
  matching: (accountId: string, q: string, status: string) => ["escrow-devices", "matching", accountId, q, status] as const,
};

/** GET/POST JSON from a portal route; a non-2xx answer throws its first message. */
export async function portalJson<T>(url: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<T> {
  const r = await fetch(url, {
    method: init?.method ?? "GET",
    headers: init?.body !== undefined ? { "content-type": "application/json" } : undefined,
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init?.signal,
  });
  const data = await r.json().catch(() => null);
  if (!r.ok) {
    const err = new Error(data?.messages?.[0] ?? data?.error ?? `request failed (${r.status})`) as Error & { status: number };
    err.status = r.status;
    throw err;
  }
  return data as T;
}
