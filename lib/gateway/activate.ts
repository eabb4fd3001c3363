import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/db/client";
import { auditEvents, devices, escrowDevices } from "@/db/schema";
import { actorLabel, type GatewayActor } from "@/lib/auth/actor";
import { recordWebhookEvents } from "@/lib/webhooks/outbox";
import type { EscrowLookup } from "./lookup";
import { configVersion, type GatewayDocument } from "./serialize";
import { invalidCredentials, newDeviceToken } from "./tokens";

export type ActiveAnswer = GatewayDocument & { config_version: string; device_token: string };

export function gatewayActor(found: EscrowLookup): GatewayActor {
  return { kind: "gateway", uniqueId: found.escrow.uniqueId, escrowDeviceId: found.escrow.id, deviceId: found.active?.deviceId };
}

/**
 * Issues a fresh device token to each of these transferred gateways (replacing any earlier, unused
 * one: a lost answer is harmless) and returns their documents, keyed by device id. ONE transaction
 * whatever the count: the device rows are locked in id order (the order the first use of a device
 * token locks in, so a token in use is never replaced by a racing check-in), one UPDATE issues
 * every token and config_delivered_at, one INSERT audits every first delivery — per device, in the
 * customer's account and, for the handover, the maker's (and the webhook outbox gets them too). A device whose escrow token was retired
 * meanwhile is left out (its gateway gets the usual 401).
 */
export async function activateMany(db: Db, found: EscrowLookup[]): Promise<Map<string, ActiveAnswer>> {
  const byDevice = new Map<string, EscrowLookup>();
  for (const f of found) if (f.active) byDevice.set(f.active.deviceId, f);
  const answers = new Map<string, ActiveAnswer>();
  if (byDevice.size === 0) return answers;
  const ids = [...byDevice.keys()].sort();
  const tokens = ids.map(() => newDeviceToken());

  await db.transaction(async (tx) => {
    const issued = await queryRows<{ id: string; first: boolean }>(
      tx,
      sql`with locked as (
            select d.id, d.config_delivered_at from ${devices} d
            where d.id = any(${sql.param(ids)}::text[]) order by d.id for update of d
          ), issue as (
            select v.id, v.digest from unnest(${sql.param(ids)}::text[], ${sql.param(tokens.map((t) => t.digest))}::text[]) as v(id, digest)
          )
          update ${devices} d set device_token_digest = issue.digest, device_token_issued_at = now(),
                 config_delivered_at = coalesce(d.config_delivered_at, now())
          from locked join issue on issue.id = locked.id
          where d.id = locked.id
            and not exists (select 1 from ${escrowDevices} e where e.id = d.escrow_device_id and e.token_retired_at is not null)
          returning d.id, locked.config_delivered_at is null as first`,
    );
    const audit: (typeof auditEvents.$inferInsert)[] = [];
    for (const row of issued) {
      const f = byDevice.get(row.id)!;
      const active = f.active!;
      answers.set(row.id, { ...active.doc, config_version: configVersion(active.doc), device_token: tokens[ids.indexOf(row.id)].token });
      if (!row.first) continue;
      const actor = gatewayActor(f);
      const detail = { unique_id: f.escrow.uniqueId, device_id: active.deviceId, escrow_device_id: f.escrow.id };
      const event = { actorType: "gateway" as const, actorId: active.deviceId, actorLabel: actorLabel(actor), action: "gateway.activated", detail };
      audit.push({ ...event, accountId: active.accountId, subjectType: "device", subjectId: active.deviceId });
      // A handover milestone for the manufacturer too, recorded against its escrow device.
      if (f.escrow.accountId !== active.accountId) audit.push({ ...event, accountId: f.escrow.accountId, subjectType: "escrow_device", subjectId: f.escrow.id });
    }
    for (let i = 0; i < audit.length; i += 2000) await tx.insert(auditEvents).values(audit.slice(i, i + 2000));
    // The webhook outbox, as recordAudit would: per device, in the same transaction.
    await recordWebhookEvents(
      tx,
      audit.map((a) => ({ accountId: a.accountId, action: "gateway.activated" as const, subjectType: a.subjectType, subjectId: a.subjectId ?? null })),
    );
  });
  return answers;
}

/** One gateway: the same path as a batch of one. */
export async function activate(db: Db, found: EscrowLookup): Promise<ActiveAnswer> {
  const answer = (await activateMany(db, [found])).get(found.active!.deviceId);
  if (!answer) throw invalidCredentials();
  return answer;
}
