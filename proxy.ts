import { type NextRequest, NextResponse } from "next/server";
import { NOT_FOUND_PATH, isMalformedPath, malformedApiPathResponse } from "@/lib/http/malformed-path";
import { foreignOrigin } from "@/lib/http/origin";
import { readinessGate } from "@/lib/startup/readiness";

/**
 * Runs before Next's router: refuses what the router itself would turn into a 500, holds requests
 * until the start-up is done, and refuses cross-site state-changing requests to the portal
 * (server actions, the portal's route handlers).
 */
export async function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  if (isMalformedPath(pathname)) {
    return malformedApiPathResponse(pathname) ?? NextResponse.rewrite(new URL(NOT_FOUND_PATH, req.url), { status: 404 });
  }
  const notReady = await readinessGate(pathname);
  if (notReady) return notReady;
  // The token-authenticated APIs carry no cookies, so a cross-site request can do nothing there.
  if (!pathname.startsWith("/api/v1/")) {
    const why = foreignOrigin(req.method, req.headers);
    if (why) {
      return NextResponse.json(
        { error: "cross-site request refused", messages: [`${why}: state-changing portal requests must come from the portal's own pages`] },
        { status: 403 },
      );
    }
  }
  return NextResponse.next();
}

// Next buffers the whole body of a request before it runs the proxy (and logs a client that
// leaves mid-body as an error), so requests with a body reach the proxy only when it has work to
// do: a path with a percent-escape, a server action (header or no-JS form). Other bodies go
// straight to their handlers, which wait for the start-up on their own (getDatabase) and check
// the Origin themselves (portalRoute).
export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image).*)", missing: [{ type: "header", key: "content-length" }, { type: "header", key: "transfer-encoding" }] },
    { source: "/:path(.*%.*)" },
    { source: "/((?!_next/static|_next/image|api/v1/).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!_next/static|_next/image|api/v1/).*)", has: [{ type: "header", key: "content-type", value: "(?:multipart/form-data|application/x-www-form-urlencoded).*" }] },
  ],
};
