import { readFile } from "node:fs/promises";
import path from "node:path";

let bundle: Promise<Buffer> | null = null;

/** Scalar's standalone browser bundle, from the installed @scalar/api-reference package. */
export async function GET() {
  bundle ??= readFile(path.join(process.cwd(), "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js"));
  return new Response(new Uint8Array(await bundle), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
  });
}
