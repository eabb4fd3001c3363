import { errorResponse, json } from "@/lib/http/respond";

/** A gateway route: errors mapped once, in the EdgeIQ shape; nothing cached along the way. */
export function gatewayRoute(fn: (req: Request) => Promise<Response | unknown>) {
  return async (req: Request): Promise<Response> => {
    try {
      const out = await fn(req);
      return out instanceof Response ? out : json(out);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
