export * from "./accounts";
export * from "./audit";
export * from "./devices";
export * from "./ids";
export * from "./members";
export * from "./transfers";
export * from "./gateway";
export * from "./webhooks";
