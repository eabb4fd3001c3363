import { AppError } from "@/lib/errors";
import { importEscrowCsv, MAX_IMPORT_BYTES, validateEscrowCsv } from "@/lib/escrow-devices/import";
import { portalRoute } from "@/lib/http/portal-route";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/**
 * The portal's CSV import: the browser uploads the file as the body (with upload progress).
 * `?mode=validate` returns the per-row report and writes nothing; `?mode=import&expect=N` imports
 * the N valid rows the user reviewed. Acts in the portal's current account.
 */
export const POST = portalRoute(
  async ({ url, portal, text }) => {
    const mode = url.searchParams.get("mode");
    if (mode !== "validate" && mode !== "import") throw new AppError("invalid", "invalid mode", { messages: ["mode must be validate or import"] });
    const csv = await text();
    if (mode === "validate") return validateEscrowCsv(portal, { accountId: portal.account.id, csv });
    const fileName = url.searchParams.get("name") ?? undefined;
    const expect = url.searchParams.get("expect");
    const expectValid = expect == null ? undefined : Number(expect);
    if (expectValid !== undefined && !Number.isInteger(expectValid)) throw new AppError("invalid", "invalid expect", { messages: ["expect must be a whole number"] });
    const deviceTypeId = url.searchParams.get("device_type_id") || null;
    return json(await importEscrowCsv(portal, { accountId: portal.account.id, csv, expectValid, fileName, deviceTypeId }), 201);
  },
  { bodyLimit: MAX_IMPORT_BYTES },
);
