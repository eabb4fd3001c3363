"use client";

import { CheckCircle2, Download, FileUp, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogDone, DialogRoot, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { Table, TBody, Td, THead, Th } from "@/components/ui/table";
import { plural } from "@/lib/text";

interface Problem {
  row: number;
  unique_id: string;
  problem: string;
}
interface Report {
  total: number;
  valid: number;
  invalid: number;
  problems: Problem[];
  truncated: boolean;
  generate_tokens: number;
}
interface Result {
  created: number;
  skipped: number;
  imported_rows: string;
  tokens: { unique_id: string; token: string }[];
}
type Phase = { step: "pick" } | { step: "uploading"; what: string; loaded: number; total: number } | { step: "report"; report: Report } | { step: "done"; result: Result };

/** Uploads the file to the import route with real upload progress (XMLHttpRequest). */
function upload(url: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: "unexpected answer", messages: [`the server answered ${xhr.status}`] };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: { error: "network error", messages: ["the upload failed: check your connection and try again"] } });
    xhr.send(file);
  });
}

function downloadTokens(tokens: Result["tokens"]) {
  const csv = ["unique_id,token", ...tokens.map((t) => `${t.unique_id},${t.token}`)].join("\n");
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  a.download = "escrow-tokens.csv";
  a.click();
  URL.revokeObjectURL(a.href);
}

const n = (x: number) => x.toLocaleString("en-US");

export function ImportCsvDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: "pick" });
  const [errors, setErrors] = useState<string[] | null>(null);
  const [downloaded, setDownloaded] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function reset() {
    setFile(null);
    setPhase({ step: "pick" });
    setErrors(null);
    setDownloaded(false);
  }

  async function send(mode: "validate" | "import", f: File, expect?: number) {
    setErrors(null);
    const what = mode === "validate" ? "Uploading and checking" : "Uploading and importing";
    setPhase({ step: "uploading", what, loaded: 0, total: f.size });
    const q = new URLSearchParams({ mode, name: f.name });
    if (expect !== undefined) q.set("expect", String(expect));
    const r = await upload(`/escrow-devices/import?${q}`, f, (loaded, total) => setPhase({ step: "uploading", what, loaded, total }));
    if (r.status === 200 && mode === "validate") setPhase({ step: "report", report: r.body as unknown as Report });
    else if (r.status === 201) {
      setPhase({ step: "done", result: r.body as unknown as Result });
      router.refresh();
    } else {
      setErrors((r.body.messages as string[]) ?? [String(r.body.error)]);
      const report = r.body.report as Report | undefined;
      setPhase(report ? { step: "report", report } : { step: "pick" });
    }
  }

  return (
    <DialogRoot
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Upload className="h-4 w-4" aria-hidden="true" />
          Import CSV
        </Button>
      </DialogTrigger>
      <DialogContent title="Import CSV" wide description="Lines of unique_id,token — a header line is optional, and an empty token is generated for you. Every row is checked before anything is imported.">
        <div className="space-y-4">
          <FormError messages={errors} />
          {phase.step === "pick" ? (
            <div className="space-y-4">
              <label
                htmlFor="csv-file"
                className="flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed border-slate-300 bg-slate-50 px-6 py-8 text-center hover:border-indigo-400"
              >
                <FileUp className="mb-2 h-8 w-8 text-slate-400" aria-hidden="true" />
                <span className="text-sm font-medium text-slate-900">{file ? file.name : "Choose a CSV file"}</span>
                <span className="mt-1 text-xs text-slate-500">{file ? `${n(file.size)} bytes` : "up to 200,000 rows"}</span>
              </label>
              <input
                ref={input}
                id="csv-file"
                type="file"
                accept=".csv,text/csv,text/plain"
                aria-label="CSV file"
                className="sr-only"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              <pre className="rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-300">{"unique_id,token\nacme-gw-1001,3b9f0c…\nacme-gw-1002,"}</pre>
              <div className="flex justify-end gap-2">
                <DialogClose asChild>
                  <Button variant="secondary">Cancel</Button>
                </DialogClose>
                <Button disabled={!file} onClick={() => file && send("validate", file)}>
                  Check file
                </Button>
              </div>
            </div>
          ) : null}

          {phase.step === "uploading" ? (
            <div className="space-y-2 py-4">
              <div className="flex justify-between text-sm text-slate-700">
                <span>{phase.loaded < phase.total ? phase.what : "Checking every row…"}</span>
                <span>{Math.round((100 * phase.loaded) / Math.max(1, phase.total))}%</span>
              </div>
              <div
                role="progressbar"
                aria-label="Upload progress"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round((100 * phase.loaded) / Math.max(1, phase.total))}
                className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
              >
                <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${(100 * phase.loaded) / Math.max(1, phase.total)}%` }} />
              </div>
              <p className="text-xs text-slate-500">
                {n(phase.loaded)} of {n(phase.total)} bytes
              </p>
            </div>
          ) : null}

          {phase.step === "report" && file ? (
            <div className="space-y-4">
              <div className="grid grid-cols-3 gap-3">
                <Stat label="Rows" value={phase.report.total} />
                <Stat label="Valid" value={phase.report.valid} tone="green" />
                <Stat label="With problems" value={phase.report.invalid} tone={phase.report.invalid ? "red" : undefined} />
              </div>
              {phase.report.problems.length ? (
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-slate-900">Rows with problems</h3>
                  <div className="max-h-72 overflow-y-auto rounded-lg ring-1 ring-slate-200">
                    <Table aria-label="Rows with problems">
                      <THead>
                        <tr>
                          <Th>Row</Th>
                          <Th>Unique ID</Th>
                          <Th>Problem</Th>
                        </tr>
                      </THead>
                      <TBody>
                        {phase.report.problems.map((p) => (
                          <tr key={`${p.row}-${p.problem}`}>
                            <Td className="tabular-nums">{p.row}</Td>
                            <Td className="font-mono text-xs">{p.unique_id || <span className="text-slate-400">(empty)</span>}</Td>
                            <Td className="text-red-700" style={{ whiteSpace: "normal", minWidth: "18rem" }}>
                              {p.problem}
                            </Td>
                          </tr>
                        ))}
                      </TBody>
                    </Table>
                  </div>
                  {phase.report.truncated ? <p className="mt-1 text-xs text-slate-500">Only the first {plural(phase.report.problems.length, "problem")} are listed.</p> : null}
                </div>
              ) : (
                <p className="flex items-center gap-2 text-sm text-emerald-700">
                  <CheckCircle2 className="h-4 w-4" aria-hidden="true" /> Every row is valid.
                </p>
              )}
              <p className="text-sm text-slate-600">
                {phase.report.invalid
                  ? "Fix the file and check it again, or import only the valid rows now — the rows with problems are left out and listed in the result."
                  : "Nothing has been imported yet."}
                {phase.report.generate_tokens ? ` ${plural(phase.report.generate_tokens, "token")} will be generated; you can download them once after the import.` : ""}
              </p>
              <div className="flex justify-end gap-2">
                <Button
                  variant="secondary"
                  onClick={() => {
                    setFile(null);
                    setPhase({ step: "pick" });
                  }}
                >
                  Choose another file
                </Button>
                <Button disabled={phase.report.valid === 0} onClick={() => send("import", file, phase.report.valid)}>
                  Import {plural(phase.report.valid, "valid row")}
                </Button>
              </div>
            </div>
          ) : null}

          {phase.step === "done" ? (
            <div className="space-y-4">
              <div className="flex gap-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200" role="status">
                <CheckCircle2 className="h-5 w-5 shrink-0 text-emerald-600" aria-hidden="true" />
                <div>
                  <p className="font-medium">
                    Imported {plural(phase.result.created, "escrow device")}
                    {phase.result.skipped ? `; ${plural(phase.result.skipped, "row")} with problems ${phase.result.skipped === 1 ? "was" : "were"} left out` : ""}.
                  </p>
                  <p className="mt-1 break-words">Rows imported: {phase.result.imported_rows}</p>
                </div>
              </div>
              {phase.result.tokens.length ? (
                <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
                  <p>
                    {phase.result.tokens.length === 1 ? "1 token was generated. Download it now — it is not stored and will not be shown again." : `${n(phase.result.tokens.length)} tokens were generated. Download them now — they are not stored and will not be shown again.`}
                  </p>
                  <Button
                    className="mt-3"
                    variant={downloaded ? "secondary" : "primary"}
                    onClick={() => {
                      downloadTokens(phase.result.tokens);
                      setDownloaded(true);
                    }}
                  >
                    <Download className="h-4 w-4" aria-hidden="true" />
                    {downloaded ? "Download again" : "Download generated tokens"}
                  </Button>
                </div>
              ) : null}
              <DialogDone variant="secondary" />
            </div>
          ) : null}
        </div>
      </DialogContent>
    </DialogRoot>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: "green" | "red" }) {
  const color = tone === "green" ? "text-emerald-700" : tone === "red" ? "text-red-700" : "text-slate-900";
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${color}`}>{n(value)}</p>
    </div>
  );
}
