import { networkInterfaces } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

export interface AgentOptions {
  url: string;
  uniqueId: string | null;
  tokenFile: string;
  stateDir: string;
  wait: number;
  once: boolean;
  fleet: number;
  uniqueIdPrefix: string;
  tokenPrefix: string;
  verbose: boolean;
}

export const AGENT_VERSION = "handoff-agent/1.0";

export const USAGE = `Usage: handoff-agent --url <base url> [options]

  --url <url>              Handoff base URL (or env HANDOFF_URL), e.g. https://handoff.example.com
  --unique-id <id>         this gateway's unique_id (default: MAC of the first non-loopback interface)
  --token-file <path>      escrow token file (default: /opt/escrow_token)
  --state-dir <dir>        where config.json and device_token are kept
                           (default: agent-state in HANDOFF_DATA_DIR, else ./.data/agent-state)
  --wait <seconds>         long-poll wait per escrow check-in, 0-30 (default: 30)
  --once                   stop after the first answer (escrow or active + one heartbeat)
  --verbose                also log every heartbeat and escrow check-in
  --fleet <n>              simulate n gateways in one process (load tests, demos)
  --unique-id-prefix <p>   fleet: unique_id = p + zero-padded index (1..n)
  --token-prefix <t>       fleet: token = t + the same suffix
  -h, --help               this help`;

/** The MAC of the first non-loopback interface, lower-case: the default unique_id. */
export function defaultUniqueId(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const ni of list ?? []) {
      if (!ni.internal && ni.mac && ni.mac !== "00:00:00:00:00:00") return ni.mac.toLowerCase();
    }
  }
  return null;
}

/** Beside the portal's own data (git-ignored), never loose in the checkout. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.HANDOFF_DATA_DIR || ".data", "agent-state");
}

export class UsageError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): AgentOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: "string" },
      "unique-id": { type: "string" },
      "token-file": { type: "string" },
      "state-dir": { type: "string" },
      wait: { type: "string" },
      once: { type: "boolean" },
      verbose: { type: "boolean" },
      fleet: { type: "string" },
      "unique-id-prefix": { type: "string" },
      "token-prefix": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const url = (values.url ?? env.HANDOFF_URL ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError("--url (or HANDOFF_URL) must be an http(s) URL");
  const wait = values.wait === undefined ? 30 : Number(values.wait);
  if (!Number.isInteger(wait) || wait < 0 || wait > 30) throw new UsageError("--wait must be a whole number from 0 to 30");
  const fleet = values.fleet === undefined ? 0 : Number(values.fleet);
  if (!Number.isInteger(fleet) || fleet < 0 || fleet > 100_000) throw new UsageError("--fleet must be a whole number from 1 to 100000");
  if (fleet > 0 && (!values["unique-id-prefix"] || !values["token-prefix"]))
    throw new UsageError("--fleet needs --unique-id-prefix and --token-prefix");
  const uniqueId = values["unique-id"]?.trim().toLowerCase() || (fleet > 0 ? null : defaultUniqueId());
  if (fleet === 0 && !uniqueId) throw new UsageError("no network interface with a MAC address: pass --unique-id");
  return {
    url,
    uniqueId,
    tokenFile: values["token-file"] ?? "/opt/escrow_token",
    stateDir: values["state-dir"] ?? defaultStateDir(env),
    wait,
    once: values.once ?? false,
    verbose: values.verbose ?? false,
    fleet,
    uniqueIdPrefix: values["unique-id-prefix"] ?? "",
    tokenPrefix: values["token-prefix"] ?? "",
  };
}
