import Papa from "papaparse";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { invalid } from "@/lib/errors";
import { requireOwnDeviceType } from "./device-type-check";
import { checkRows, insertRows, raceConflict } from "./rows";

export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 32_000_000;
/** The report lists this many problems at most; the counts are always complete. */
export const MAX_REPORTED_PROBLEMS = 2_000;

export interface CsvRow {
  /** The line number in the file (1-based, the header counts). */
  line: number;
  unique_id: string;
  /** Empty cell or no token column: the server generates one. */
  token?: string;
}

export interface RowProblem {
  row: number;
  unique_id: string;
  problem: string;
}

export interface ImportReport {
  total: number;
  valid: number;
  invalid: number;
  problems: RowProblem[];
  /** True when `problems` was cut at MAX_REPORTED_PROBLEMS. */
  truncated: boolean;
  header: boolean;
  generate_tokens: number;
}

/**
 * `unique_id,token` rows; the header line is optional and the token column too. Blank lines are
 * skipped; spaces around cells are trimmed (tokens themselves may not contain spaces).
 */
export function parseEscrowCsv(text: string): { rows: CsvRow[]; header: boolean; fileProblems: RowProblem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), { skipEmptyLines: false, newline: "\n" });
  const data = parsed.data;
  const fileProblems: RowProblem[] = [];
  let uidCol = 0;
  let tokenCol: number | null = 1;
  let start = 0;
  const first = (data[0] ?? []).map((c) => c.trim().toLowerCase());
  const header = first.includes("unique_id");
  if (header) {
    uidCol = first.indexOf("unique_id");
    tokenCol = first.includes("token") ? first.indexOf("token") : null;
    start = 1;
  }
  const rows: CsvRow[] = [];
  for (let i = start; i < data.length; i++) {
    const cells = data[i];
    if (cells.every((c) => c.trim() === "")) continue;
    const uid = (cells[uidCol] ?? "").trim();
    const token = tokenCol == null ? "" : (cells[tokenCol] ?? "").trim();
    rows.push({ line: i + 1, unique_id: uid, token: token === "" ? undefined : token });
  }
  for (const e of parsed.errors) {
    if (e.code === "UndetectableDelimiter") continue;
    fileProblems.push({ row: (e.row ?? 0) + 1, unique_id: "", problem: `CSV: ${e.message}` });
  }
  return { rows, header, fileProblems };
}

async function checkCsv(ctx: Ctx, accountId: string, csv: string) {
  requirePermission(ctx.actor, accountId, "devices.write", "company");
  if (csv.length > MAX_IMPORT_BYTES) throw invalid("file too large", { messages: [`the file may be ${MAX_IMPORT_BYTES / 1_000_000} MB at most`] });
  const { rows, header, fileProblems } = parseEscrowCsv(csv);
  if (rows.length === 0) throw invalid("empty file", { messages: ["the file has no rows: expected lines of unique_id,token"] });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw invalid("too many rows", { messages: [`the file has ${rows.length} rows; ${MAX_IMPORT_ROWS} at most per import`] });
  }
  const check = await checkRows(ctx.db, rows, (i) => `row ${rows[i].line}`);
  const problems: RowProblem[] = [...check.errors]
    .sort((a, b) => a[0] - b[0])
    .map(([i, problem]) => ({ row: rows[i].line, unique_id: rows[i].unique_id, problem }));
  const report: ImportReport = {
    total: rows.length,
    valid: check.valid.length,
    invalid: problems.length,
    problems: [...fileProblems, ...problems].slice(0, MAX_REPORTED_PROBLEMS),
    truncated: fileProblems.length + problems.length > MAX_REPORTED_PROBLEMS,
    header,
    generate_tokens: check.valid.filter((r) => r.token === undefined).length,
  };
  return { rows, check, report };
}

/** Step 1 of the portal import: the per-row report; nothing is written. */
export async function validateEscrowCsv(ctx: Ctx, input: { accountId: string; csv: string }): Promise<ImportReport> {
  return (await checkCsv(ctx, input.accountId, input.csv)).report;
}

/** "2–51, 53, 55–100": the exact rows that went in, compactly. */
export function lineRanges(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(i === j ? String(lines[i]) : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}

/**
 * Step 2: imports the rows that are valid now (re-validated), in one transaction, with one audit
 * event; the invalid rows are reported, never silently dropped. Generated tokens are returned
 * once (for a one-time CSV download). With `expectValid`, a changed file or a changed set of
 * valid rows is refused instead of importing something the user did not review.
 */
export async function importEscrowCsv(
  ctx: Ctx,
  input: { accountId: string; csv: string; deviceTypeId?: string | null; expectValid?: number; fileName?: string },
) {
  const { rows, check, report } = await checkCsv(ctx, input.accountId, input.csv);
  await requireOwnDeviceType(ctx.db, input.accountId, input.deviceTypeId);
  if (input.expectValid !== undefined && input.expectValid !== check.valid.length) {
    throw invalid("the file changed", {
      messages: [`${check.valid.length} rows are valid now, not ${input.expectValid}: please review the report again`],
      extra: { report },
    });
  }
  if (check.valid.length === 0) throw invalid("no valid rows", { messages: ["no row of the file can be imported"], extra: { report } });
  const lineByUid = new Map(check.valid.map((r) => [r.uniqueId, `row ${rows[r.index].line}`]));
  try {
    return await ctx.db.transaction(async (tx) => {
      const { count, generated } = await insertRows(tx, ctx.actor, input.accountId, input.deviceTypeId ?? null, check.valid);
      const imported = lineRanges(check.valid.map((r) => rows[r.index].line));
      await recordAudit(tx, ctx.actor, {
        accountIds: input.accountId,
        action: "escrow_device.import",
        subjectType: "escrow_device",
        subjectId: null,
        detail: {
          created: count,
          skipped_invalid: report.invalid,
          rows_in_file: report.total,
          generated_tokens: generated.size,
          ...(input.fileName ? { file: input.fileName.slice(0, 200) } : {}),
        },
      });
      return {
        created: count,
        skipped: report.invalid,
        imported_rows: imported,
        problems: report.problems,
        truncated: report.truncated,
        tokens: [...generated].map(([unique_id, token]) => ({ unique_id, token })),
      };
    });
  } catch (err) {
    raceConflict(err, (uid) => lineByUid.get(uid));
  }
}
