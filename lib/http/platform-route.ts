import { getDatabase } from "@/db/client";
import { authenticateToken } from "@/lib/auth/api-auth";
import type { Ctx } from "@/lib/context";
import { withIdempotency } from "./idempotent-route";
import { errorResponse, json } from "./respond";

type RouteParams = Record<string, string>;
interface NextRouteContext {
  params: Promise<RouteParams>;
}

export interface PlatformArgs<P extends RouteParams> {
  req: Request;
  url: URL;
  params: P;
  ctx: Ctx;
}

/** A platform API handler: authenticate → call lib → serialize; every error mapped once. */
export function platformRoute<P extends RouteParams = RouteParams>(
  fn: (args: PlatformArgs<P>) => Promise<Response | unknown>,
  opts: { status?: number } = {},
) {
  return async (req: Request, route: NextRouteContext): Promise<Response> => {
    try {
      const { db } = await getDatabase();
      const actor = await authenticateToken(db, req.headers.get("authorization"));
      const params = ((await route?.params) ?? {}) as P;
      return await withIdempotency(db, actor, req, async (r) => {
        try {
          const out = await fn({ req: r, url: new URL(r.url), params, ctx: { db, actor } });
          return out instanceof Response ? out : json(out, opts.status ?? 200);
        } catch (err) {
          return errorResponse(err);
        }
      });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** A handler that needs no user (sign-up, authenticate, public company lookup needs a user though). */
export function publicRoute<P extends RouteParams = RouteParams>(
  fn: (args: { req: Request; url: URL; params: P }) => Promise<Response | unknown>,
  opts: { status?: number } = {},
) {
  return async (req: Request, route: NextRouteContext): Promise<Response> => {
    try {
      const params = ((await route?.params) ?? {}) as P;
      const out = await fn({ req, url: new URL(req.url), params });
      return out instanceof Response ? out : json(out, opts.status ?? 200);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
