/** TanStack Query keys for transfers: one factory, so invalidation hits every view of the data. */
export const transferKeys = {
  all: ["transfers"] as const,
  pendingIncoming: (accountId: string) => ["transfers", "pending-incoming", accountId] as const,
};
