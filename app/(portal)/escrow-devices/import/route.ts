import { getPortal } from "@/lib/auth/portal";
import { AppError } from "@/lib/errors";
import { importEscrowCsv, MAX_IMPORT_BYTES, validateEscrowCsv } from "@/lib/escrow-devices/import";
import { errorResponse, json, readText } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/**
 * The portal's CSV import: the browser uploads the file as the body (with upload progress).
 * `?mode=validate` returns the per-row report and writes nothing; `?mode=import&expect=N` imports
 * the N valid rows the user reviewed. Acts in the portal's current account.
 */
export async function POST(req: Request): Promise<Response> {
  try {
    const portal = await getPortal();
    const url = new URL(req.url);
    const csv = await readText(req, MAX_IMPORT_BYTES);
    const mode = url.searchParams.get("mode");
    const fileName = url.searchParams.get("name") ?? undefined;
    if (mode === "validate") return json(await validateEscrowCsv(portal, { accountId: portal.account.id, csv }));
    if (mode === "import") {
      const expect = url.searchParams.get("expect");
      const expectValid = expect == null ? undefined : Number(expect);
      if (expectValid !== undefined && !Number.isInteger(expectValid)) throw new AppError("invalid", "invalid expect", { messages: ["expect must be a whole number"] });
      const deviceTypeId = url.searchParams.get("device_type_id") || null;
      return json(await importEscrowCsv(portal, { accountId: portal.account.id, csv, expectValid, fileName, deviceTypeId }), 201);
    }
    throw new AppError("invalid", "invalid mode", { messages: ["mode must be validate or import"] });
  } catch (err) {
    if (err && typeof err === "object" && "digest" in err) throw err;
    return errorResponse(err);
  }
}
