import { nextGatewayRoute } from "@/lib/gateway/next-route";

// Every gateway path, one handler: lib/gateway/handle.ts routes and answers (the custom server's
// fast path calls the same function without Next in between).
export const dynamic = "force-dynamic";
export {
  nextGatewayRoute as GET,
  nextGatewayRoute as POST,
  nextGatewayRoute as PUT,
  nextGatewayRoute as PATCH,
  nextGatewayRoute as DELETE,
  nextGatewayRoute as HEAD,
  nextGatewayRoute as OPTIONS,
};
