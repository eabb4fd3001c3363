import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { type DeviceTypeKind, deviceTypes, type EscrowStatus, escrowDevices } from "@/db/schema";
import { digest, tokenHint } from "@/lib/auth/secrets";

const uniq = () => randomBytes(4).toString("hex");

/** Direct inserts, so transfer tests do not depend on the device-type services. */
export async function makeDeviceType(
  db: Db,
  accountId: string,
  opts: { name?: string; type?: DeviceTypeKind; config?: Record<string, unknown>; capabilities?: Record<string, unknown> } = {},
) {
  const [t] = await db
    .insert(deviceTypes)
    .values({
      accountId,
      name: opts.name ?? `Gateway ${uniq()}`,
      manufacturer: "Acme",
      model: `M-${uniq()}`,
      type: opts.type ?? "gateway",
      longDescription: "A test gateway.",
      capabilities: opts.capabilities ?? { lte: true },
      config: opts.config ?? { heartbeat_period: 30, log_config: { level: "info" } },
    })
    .returning();
  return t;
}

/** `n` escrow devices with random unique_ids, inserted in multi-row statements. */
export async function makeEscrowDevices(
  db: Db,
  accountId: string,
  n: number,
  opts: { prefix?: string; status?: EscrowStatus; deviceTypeId?: string } = {},
) {
  const prefix = opts.prefix ?? `gw-${uniq()}`;
  const token = `escrow-token-${uniq()}-0123456789`;
  const rows = Array.from({ length: n }, (_, i) => ({
    accountId,
    uniqueId: `${prefix}-${String(i + 1).padStart(5, "0")}`,
    tokenDigest: digest(`${token}-${i}`),
    tokenHint: tokenHint(`${token}-${i}`),
    deviceTypeId: opts.deviceTypeId ?? null,
    status: opts.status ?? "escrowed",
  }));
  const out: (typeof escrowDevices.$inferSelect)[] = [];
  for (let i = 0; i < rows.length; i += 2000) out.push(...(await db.insert(escrowDevices).values(rows.slice(i, i + 2000)).returning()));
  return out;
}
