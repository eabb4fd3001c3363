import path from "node:path";
import { type GatewayStatus, runGateway } from "./gateway";
import type { AgentOptions } from "./options";

/** N simulated gateways in one process, with a one-line live summary. */
export async function runFleet(opts: AgentOptions, signal: AbortSignal, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const width = Math.max(4, String(opts.fleet).length);
  const statuses = new Map<string, GatewayStatus>();
  const tty = out.isTTY === true;
  let lastLine = "";
  let lastPrinted = 0;

  const summary = () => {
    const n = { starting: 0, escrow: 0, active: 0, error: 0 };
    for (const s of statuses.values()) n[s]++;
    return `fleet of ${opts.fleet}: escrow ${n.escrow} · active ${n.active} · errors ${n.error}${n.starting ? ` · starting ${n.starting}` : ""}`;
  };
  const print = (force = false) => {
    const line = summary();
    const now = Date.now();
    if (tty) out.write(`\r\x1b[2K${line}`);
    else if (line !== lastLine && (force || now - lastPrinted > 2000)) {
      out.write(`${line}\n`);
      lastPrinted = now;
    } else return;
    lastLine = line;
  };
  const timer = setInterval(print, tty ? 250 : 500);

  const runs: Promise<GatewayStatus>[] = [];
  for (let i = 1; i <= opts.fleet; i++) {
    const suffix = String(i).padStart(width, "0");
    const uniqueId = `${opts.uniqueIdPrefix}${suffix}`.toLowerCase();
    statuses.set(uniqueId, "starting");
    runs.push(
      runGateway(
        {
          url: opts.url,
          uniqueId,
          token: `${opts.tokenPrefix}${suffix}`,
          stateDir: path.join(opts.stateDir, uniqueId),
          wait: opts.wait,
          once: opts.once,
          verbose: false,
        },
        signal,
        {
          status: (s) => statuses.set(uniqueId, s),
          log: (line) => {
            if (opts.verbose) out.write(`${tty ? "\r\x1b[2K" : ""}${uniqueId} ${line}\n`);
          },
        },
      ),
    );
    // Spread the start over a second or so, as a factory floor powering on would.
    if (i % 50 === 0) await new Promise((r) => setTimeout(r, 20));
    if (signal.aborted) break;
  }
  const results = await Promise.all(runs);
  clearInterval(timer);
  print(true);
  if (tty) out.write("\n");
  return results.some((r) => r === "error") ? 1 : 0;
}
