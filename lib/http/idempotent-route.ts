import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { claimKey, fingerprint, parseKey, releaseKey, settleKey } from "./idempotency";
import { readText } from "./respond";

/** The largest body any platform POST accepts (the 10,000-row bulk create); each route still applies its own. */
const MAX_IDEMPOTENT_BODY = 4_000_000;

/**
 * `Idempotency-Key` on a platform POST (API.md §8): the first answer is stored for 24 h under the
 * caller and key; a retry with the same request gets it back with `Idempotent-Replayed: true` and
 * runs nothing; the same key with a different request is a 422. Without the header, or on any
 * other method, the handler just runs.
 */
export async function withIdempotency(db: Db, actor: Actor, req: Request, run: (req: Request) => Promise<Response>): Promise<Response> {
  const key = req.method === "POST" ? parseKey(req.headers.get("idempotency-key")) : null;
  if (!key) return run(req);
  const text = await readText(req, MAX_IDEMPOTENT_BODY);
  const claim = await claimKey(db, actor, key, fingerprint(req.method, new URL(req.url).pathname, text));
  if (claim.kind === "replay") {
    return new Response(claim.answer.body, {
      status: claim.answer.status,
      headers: { "content-type": claim.answer.contentType, "cache-control": "no-store", "idempotent-replayed": "true" },
    });
  }
  let res: Response;
  try {
    res = await run(new Request(req.url, { method: req.method, headers: req.headers, body: text }));
  } catch (err) {
    await releaseKey(db, actor, key).catch(() => {});
    throw err;
  }
  const body = await res.clone().text();
  await settleKey(db, actor, key, { status: res.status, body, contentType: res.headers.get("content-type") ?? "application/json" });
  return res;
}
