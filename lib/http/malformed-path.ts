/**
 * Paths whose percent-escapes do not decode (`%`, `%zz`, `%ff`, `%ED%A0%80`: not hex, or not
 * UTF-8). Next's router throws on them while matching a dynamic segment and answers a text/plain
 * 500, so they are refused before routing: by proxy.ts, by the test harness, and by any server
 * placed in front of Next.
 */
export function isMalformedPath(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** API paths answer in the §1 error shape; everything else is the portal's (HTML) 404. */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** The §1 error answer for a malformed API path. */
export function malformedPathBody() {
  return { error: "not found", messages: ["the path has a malformed percent-escape"] };
}

/**
 * For a server in front of Next (or a harness): the response to send for `pathname`, or null
 * when the path is fine. A malformed API path gets a 404 with the §1 body; a malformed portal
 * path gets null here too when `apiOnly` — the caller then lets Next render its 404 page by
 * routing to NOT_FOUND_PATH.
 */
export function malformedApiPathResponse(pathname: string): Response | null {
  if (!isApiPath(pathname) || !isMalformedPath(pathname)) return null;
  return new Response(JSON.stringify(malformedPathBody()), {
    status: 404,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

/** A path no page matches: rewriting a malformed portal path here renders the portal's 404. */
export const NOT_FOUND_PATH = "/_handoff-not-found";
