import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface SavedState {
  deviceToken: string | null;
  config: Record<string, unknown> | null;
}

/** Write to a temp file beside the target, then rename: readers never see half a file. */
async function writeAtomic(file: string, data: string, mode: number): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(tmp, data, { mode });
  await rename(tmp, file);
}

export async function loadState(dir: string): Promise<SavedState> {
  const token = await readFile(path.join(dir, "device_token"), "utf8").then(
    (t) => t.trim() || null,
    () => null,
  );
  const config = await readFile(path.join(dir, "config.json"), "utf8").then(
    (t) => JSON.parse(t) as Record<string, unknown>,
    () => null,
  );
  return { deviceToken: token, config };
}

export async function saveConfig(dir: string, config: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomic(path.join(dir, "config.json"), `${JSON.stringify(config, null, 2)}\n`, 0o600);
}

export async function saveDeviceToken(dir: string, token: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomic(path.join(dir, "device_token"), `${token}\n`, 0o600);
}

export async function forgetDeviceToken(dir: string): Promise<void> {
  await rm(path.join(dir, "device_token"), { force: true });
}

export async function readEscrowToken(file: string): Promise<string> {
  const token = (await readFile(file, "utf8")).trim();
  if (!token) throw new Error(`the token file ${file} is empty`);
  return token;
}
