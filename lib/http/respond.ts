import { AppError, fromDatabaseError, loggable } from "@/lib/errors";
import { tooDeepField, tooDeepMessage } from "./json-depth";

export const MAX_BODY_BYTES = 1_000_000;

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * The request body could not be read to its end: the client went away (or broke the stream)
 * mid-body. Nobody is left to answer and nothing went wrong here, so it is not logged.
 */
export class ClientGoneError extends Error {
  constructor() {
    super("the client went away before sending the whole body");
    this.name = "ClientGoneError";
  }
}

/** The EdgeIQ-style error answer: {"error", "messages"} plus any extra members; framework-free. */
export function errorParts(caught: unknown): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  if (caught instanceof ClientGoneError) return { status: 400, headers: {}, body: { error: "request aborted", messages: [caught.message] } };
  const err = caught instanceof AppError ? caught : (fromDatabaseError(caught) ?? caught);
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds != null) headers["retry-after"] = String(Math.max(1, Math.ceil(err.retryAfterSeconds)));
    return { status: err.status, headers, body: { error: err.message, messages: err.messages, ...err.extra } };
  }
  // Never echo internals (or anything that might hold a secret) to the client.
  console.error("handoff: unexpected error:", loggable(err));
  return { status: 500, headers: {}, body: { error: "internal error", messages: ["an unexpected error occurred"] } };
}

export function errorResponse(caught: unknown): Response {
  const { status, headers, body } = errorParts(caught);
  return json(body, status, headers);
}

/** Reads a body as text, refusing (413) past `limit` bytes whether or not Content-Length says so. */
export async function readText(req: Request, limit: number): Promise<string> {
  const tooLarge = () => new AppError("too_large", "request body too large", { messages: [`the body may be ${limit} bytes at most`] });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new ClientGoneError();
      }
      const { done, value } = chunk;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads a JSON body with a size limit: 413 past the limit, 400 for malformed JSON. An empty body
 * reads as `{}` when `allowEmpty`.
 */
export async function readJson(req: Request, opts: { limit?: number; allowEmpty?: boolean } = {}): Promise<unknown> {
  return parseJsonText(await readText(req, opts.limit ?? MAX_BODY_BYTES), opts);
}

/** A body already read as text → JSON: 400 when malformed; empty reads as `{}` when `allowEmpty`. */
export function parseJsonText(text: string, opts: { allowEmpty?: boolean } = {}): unknown {
  if (text.trim() === "") {
    if (opts.allowEmpty) return {};
    throw new AppError("invalid", "invalid JSON", { messages: ["the request body must be a JSON object"] });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid", "invalid JSON", { messages: ["the request body is not valid JSON"] });
  }
  const deep = tooDeepField(value);
  if (deep) throw new AppError("invalid", "JSON nested too deeply", { messages: [tooDeepMessage(deep)], fieldErrors: { [deep]: [tooDeepMessage(deep)] } });
  return value;
}

export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
