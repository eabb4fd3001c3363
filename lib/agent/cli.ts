import { setMaxListeners } from "node:events";
import { runFleet } from "./fleet";
import { runGateway } from "./gateway";
import { type AgentOptions, parseOptions, USAGE, UsageError } from "./options";
import { loadState, readEscrowToken } from "./state";

function log(line: string) {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

async function single(opts: AgentOptions, signal: AbortSignal): Promise<number> {
  const uniqueId = opts.uniqueId!;
  log(`handoff-agent: ${uniqueId} → ${opts.url} (state in ${opts.stateDir})`);
  const result = await runGateway(
    { url: opts.url, uniqueId, tokenFile: opts.tokenFile, stateDir: opts.stateDir, wait: opts.wait, once: opts.once, verbose: opts.verbose },
    signal,
    { status: () => {}, log },
  );
  return result === "error" ? 1 : 0;
}

async function main(): Promise<number> {
  let opts: AgentOptions | "help";
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`handoff-agent: ${err instanceof UsageError || err instanceof TypeError ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (opts.fleet === 0) {
    // Fail fast on a missing token file, unless a saved device token makes it unnecessary.
    const saved = await loadState(opts.stateDir);
    if (!saved.deviceToken) {
      try {
        await readEscrowToken(opts.tokenFile);
      } catch (err) {
        process.stderr.write(`handoff-agent: cannot read the escrow token: ${(err as Error).message}\n`);
        return 2;
      }
    }
  }

  const fleet = opts.fleet;
  const controller = new AbortController();
  // Every simulated gateway of a fleet waits on this one signal.
  setMaxListeners(0, controller.signal);
  const stop = (sig: string) => {
    if (controller.signal.aborted) return;
    if (fleet === 0) log(`stopping (${sig})`);
    controller.abort();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const code = opts.fleet > 0 ? await runFleet(opts, controller.signal) : await single(opts, controller.signal);
  return controller.signal.aborted ? 0 : code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`handoff-agent: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
