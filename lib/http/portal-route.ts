import { getPortal, type Portal } from "@/lib/auth/portal";
import { AppError } from "@/lib/errors";
import { errorResponse, json } from "./respond";

type RouteParams = Record<string, string>;

/**
 * A portal route handler (browser session): the signed-in user's context, a same-origin check on
 * anything but GET (a cookie-authenticated POST is otherwise open to cross-site requests), and
 * the one error mapping. Redirects from getPortal (signed out) propagate.
 */
export function portalRoute<P extends RouteParams = RouteParams>(
  fn: (args: { req: Request; url: URL; params: P; portal: Portal }) => Promise<Response | unknown>,
) {
  return async (req: Request, route: { params: Promise<RouteParams> }): Promise<Response> => {
    try {
      const url = new URL(req.url);
      if (req.method !== "GET" && req.method !== "HEAD") {
        const origin = req.headers.get("origin");
        const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
        if (!origin || !host || new URL(origin).host !== host) throw new AppError("forbidden", "cross-site request refused");
      }
      const portal = await getPortal();
      const params = ((await route?.params) ?? {}) as P;
      const out = await fn({ req, url, params, portal });
      return out instanceof Response ? out : json(out);
    } catch (err) {
      if (err && typeof err === "object" && "digest" in err) throw err;
      return errorResponse(err);
    }
  };
}
