export * from "./accounts";
export * from "./audit";
export * from "./devices";
export * from "./ids";
export * from "./transfers";
export * from "./webhooks";
