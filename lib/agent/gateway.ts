import { Backoff, sleep } from "./backoff";
import { type ApiAnswer, GatewayClient, NetworkError } from "./client";
import { forgetDeviceToken, loadState, readEscrowToken, saveConfig, saveDeviceToken } from "./state";

export type GatewayStatus = "starting" | "escrow" | "active" | "error";

export interface GatewaySpec {
  url: string;
  uniqueId: string;
  /** The escrow token itself (fleet mode), or read from tokenFile when needed. */
  token?: string;
  tokenFile?: string;
  stateDir: string;
  wait: number;
  once: boolean;
  verbose: boolean;
}

export interface GatewayEvents {
  status(s: GatewayStatus): void;
  log(line: string): void;
  /** The active answer (config and device token) has arrived; its state is written next. */
  configured?(): void;
}

class HttpError extends Error {
  constructor(
    readonly answer: ApiAnswer,
    what: string,
  ) {
    const msg = answer.body?.messages?.[0] ?? answer.body?.error ?? "unexpected answer";
    super(answer.status === 429 ? `${what}: rate limited (retry after ${answer.retryAfterSeconds ?? "?"}s)` : `${what}: HTTP ${answer.status} ${msg}`);
  }
}

function describe(err: unknown): string {
  if (err instanceof HttpError) return err.message;
  if (err instanceof NetworkError) return `cannot reach the server (${err.message})`;
  if ((err as { code?: string }).code === "ENOENT") return `cannot read the token file (${(err as Error).message})`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * One gateway's life: escrow check-ins (long-poll) until its device exists, then heartbeats with
 * the device token. Restarted with a device token in the state dir it goes straight to heartbeats,
 * and falls back to escrow check-in when that token is refused. Resolves when the signal aborts
 * (or after the first answer with `once`).
 */
export async function runGateway(spec: GatewaySpec, signal: AbortSignal, events: GatewayEvents): Promise<GatewayStatus> {
  const client = new GatewayClient(spec.url, signal);
  const backoff = new Backoff();
  let lastKey = "";
  const say = (key: string, line: string) => {
    if (key !== lastKey || spec.verbose) events.log(line);
    lastKey = key;
  };
  const saved = await loadState(spec.stateDir);
  let deviceToken = saved.deviceToken;
  let configVersion = typeof saved.config?.config_version === "string" ? saved.config.config_version : null;
  let firstCheckin = true;
  events.status("starting");

  while (!signal.aborted) {
    try {
      if (deviceToken) {
        const r = await client.heartbeat(deviceToken);
        if (r.status === 401) {
          say("hb-401", "heartbeat: device token refused; back to escrow check-in");
          await forgetDeviceToken(spec.stateDir);
          deviceToken = null;
          firstCheckin = true;
          continue;
        }
        if (r.status !== 200) throw new HttpError(r, "heartbeat");
        backoff.reset();
        events.status("active");
        say("hb-ok", "heartbeat: ok");
        if (r.body.config_version !== configVersion) {
          const c = await client.config(deviceToken, configVersion ? `"${configVersion}"` : undefined);
          if (c.status === 200) {
            await saveConfig(spec.stateDir, c.body);
            configVersion = c.body.config_version;
            events.log(`config: updated (version ${configVersion})`);
          } else if (c.status !== 304) throw new HttpError(c, "config");
        }
        if (spec.once) return "active";
        const period = Number(r.body.heartbeat_period) > 0 ? Number(r.body.heartbeat_period) : 60;
        await sleep(period * 1000, signal);
        continue;
      }

      const token = spec.token ?? (await readEscrowToken(spec.tokenFile ?? "/opt/escrow_token"));
      // The first check-in answers at once (credentials and state confirmed); then long-polls.
      const wait = firstCheckin ? 0 : spec.wait;
      const r = await client.checkin(spec.uniqueId, token, wait);
      if (r.status === 200 && r.body?.mode === "active" && typeof r.body.device_token === "string") {
        events.configured?.();
        const { device_token, ...doc } = r.body;
        await saveConfig(spec.stateDir, doc);
        await saveDeviceToken(spec.stateDir, device_token);
        deviceToken = device_token;
        configVersion = doc.config_version ?? null;
        backoff.reset();
        events.status("active");
        say("active", `active: configured as ${doc.device?.name} (${doc.device?.unique_id}) in account ${doc.company?.name}`);
        continue;
      }
      if (r.status === 200 && r.body?.mode === "escrow") {
        backoff.reset();
        events.status("escrow");
        const next = spec.wait > 0 && firstCheckin ? 0 : Math.max(0, Number(r.body.poll_after) || 30);
        const how = spec.wait > 0 ? `, long-poll up to ${spec.wait}s` : "";
        say("escrow", `escrow: waiting (next check-in in ${next}s${how})`);
        firstCheckin = false;
        if (spec.once) return "escrow";
        await sleep(next * 1000, signal);
        continue;
      }
      if (r.status === 401) throw new HttpError(r, "escrow: credentials refused (check the unique_id and the token file)");
      throw new HttpError(r, "escrow check-in");
    } catch (err) {
      if (signal.aborted) break;
      events.status("error");
      const delay = backoff.next(err instanceof HttpError ? err.answer.retryAfterSeconds : null);
      say(`err:${describe(err)}`, `error: ${describe(err)}; retrying in ${Math.ceil(delay / 1000)}s`);
      if (spec.once) return "error";
      await sleep(delay, signal);
    }
  }
  return "starting";
}
