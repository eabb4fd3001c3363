/**
 * CSV as RFC 4180 writes it, safe to open in a spreadsheet: a cell that a spreadsheet would run as a
 * formula (starting with = + - @, tab or carriage return) is prefixed with a single quote (the
 * OWASP "CSV injection" advice), and any cell with a comma, quote or line break is quoted.
 */
export function csvCell(value: unknown): string {
  if (value == null) return "";
  let s: string;
  if (value instanceof Date) s = value.toISOString();
  else if (typeof value === "object") s = JSON.stringify(value);
  else s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A download response for a CSV stream; the body is produced as the client reads it. */
export function csvResponse(stream: ReadableStream<Uint8Array>, filename: string): Response {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${safe}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
