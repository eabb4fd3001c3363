import { errorResponse, json } from "@/lib/http/respond";

// Off by default: handler durations would help a timing attack. The check-in benchmark turns it on.
const serverTiming = process.env.HANDOFF_SERVER_TIMING === "1";

/** A gateway route: errors mapped once, in the EdgeIQ shape; nothing cached along the way. */
export function gatewayRoute(fn: (req: Request) => Promise<Response | unknown>) {
  return async (req: Request): Promise<Response> => {
    const started = serverTiming ? performance.now() : 0;
    let res: Response;
    try {
      const out = await fn(req);
      res = out instanceof Response ? out : json(out);
    } catch (err) {
      res = errorResponse(err);
    }
    if (serverTiming) res.headers.set("server-timing", `handler;dur=${(performance.now() - started).toFixed(3)}`);
    return res;
  };
}
