/**
 * A packing list as people have it: one unique_id per line, or a CSV (comma, semicolon or tab)
 * whose header names a `unique_id` column (else its first column). Blank lines, a header and
 * surrounding quotes are dropped; values are lower-cased like unique_ids. Pure: runs in the browser.
 */
export function parsePackingList(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).filter((l) => l.trim() !== "");
  if (!lines.length) return [];
  const sep = [",", ";", "\t"].find((s) => lines[0].includes(s));
  const cells = (line: string) => (sep ? line.split(sep) : [line]).map((c) => c.trim().replace(/^"(.*)"$/, "$1").replace(/""/g, '"').trim());
  const header = cells(lines[0]).map((c) => c.toLowerCase().replace(/[\s-]+/g, "_"));
  let column = 0;
  let start = 0;
  const named = header.findIndex((h) => h === "unique_id" || h === "uniqueid" || h === "serial" || h === "id");
  if (named >= 0) {
    column = named;
    start = 1;
  }
  const out: string[] = [];
  for (const line of lines.slice(start)) {
    const v = (cells(line)[column] ?? "").toLowerCase();
    if (v) out.push(v);
  }
  return out;
}
