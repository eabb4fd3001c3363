import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getPortal, type Portal } from "@/lib/auth/portal";
import { AppError } from "@/lib/errors";
import { requireSameOrigin } from "./origin";
import { errorResponse, json, MAX_BODY_BYTES, readText } from "./respond";

type RouteParams = Record<string, string>;

export interface PortalRouteArgs<P extends RouteParams = RouteParams> {
  req: Request;
  url: URL;
  params: P;
  portal: Portal;
  /** The body as text, refused (413) past the route's `bodyLimit`. */
  text(): Promise<string>;
}

/**
 * The portal's own route handlers (the browser, with the session cookie): a foreign Origin on a
 * state-changing request is a 403 before anything else; no session is a 401 (not a redirect: the
 * caller is a fetch); the body is limited; every error gets the §1 body.
 */
export function portalRoute<P extends RouteParams = RouteParams>(
  fn: (args: PortalRouteArgs<P>) => Promise<Response | unknown>,
  opts: { status?: number; bodyLimit?: number } = {},
) {
  return async (req: Request, route?: { params: Promise<P> }): Promise<Response> => {
    try {
      requireSameOrigin(req);
      const portal = await sessionPortal();
      const params = ((await route?.params) ?? {}) as P;
      const text = () => readText(req, opts.bodyLimit ?? MAX_BODY_BYTES);
      const out = await fn({ req, url: new URL(req.url), params, portal, text });
      return out instanceof Response ? out : json(out, opts.status ?? 200);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

async function sessionPortal(): Promise<Portal> {
  try {
    return await getPortal();
  } catch (err) {
    // getPortal redirects pages to /sign-in or /no-account; a route handler answers in JSON.
    if (!isRedirectError(err)) throw err;
    if (err.digest.split(";")[2] === "/sign-in") throw new AppError("unauthenticated", "authentication required", { messages: ["sign in first"] });
    throw new AppError("forbidden", "no account", { messages: ["you are not a member of any account"] });
  }
}
