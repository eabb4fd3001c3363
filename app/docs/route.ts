import { ApiReference } from "@scalar/nextjs-api-reference";

/**
 * The interactive API reference (Scalar) of /api/v1/openapi.json. Scalar's browser bundle is served
 * from this app (docs/scalar.js), not a CDN, so the reference works offline and on private networks.
 */
export const GET = ApiReference({
  url: "/api/v1/openapi.json",
  cdn: "/docs/scalar.js",
  pageTitle: "Handoff API reference",
  theme: "default",
  hideClientButton: true,
  // No hosted extras (AI agent, SDK generation, deploy): the reference stays on this server.
  showDeveloperTools: "never",
  agent: { disabled: true },
  metaData: { title: "Handoff API reference" },
});
