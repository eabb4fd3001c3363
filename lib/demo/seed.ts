import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accounts,
  auditEvents,
  devices,
  deviceTypeCopies,
  deviceTypes,
  escrowDevices,
  memberships,
  transferRequestItems,
  transferRequests,
  users,
} from "@/db/schema";
import { digest, hashPassword, tokenHint } from "@/lib/auth/secrets";

export const DEMO_PASSWORD = "handoff-demo-password";

/** The demo escrow token of `acme-gw-NNNN` (demo data only — real tokens are random). */
export function demoEscrowToken(n: number): string {
  return `acme-demo-token-${String(n).padStart(4, "0")}`;
}

/**
 * The demo-only device credential of the transferred demo gateway `acme-gw-NNNN` (1–3, the ones
 * already activated), so the demo fleet can heartbeat as them. Never used outside the demo seed.
 */
export function demoDeviceToken(n: number): string {
  return `hd_demo-device-token-${String(n).padStart(4, "0")}`;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [r] = await db.select({ n: count() }).from(accounts);
  return r.n === 0;
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/**
 * SPEC §6: Acme (manufacturer, with an EU sub-account so the account switcher has something to
 * switch to), Globex (customer), Initech (unrelated). One transaction.
 */
export async function seedDemo(db: Db): Promise<void> {
  const pw = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [acme, globex, initech] = await tx
      .insert(accounts)
      .values([
        { name: "Acme Gateways", createdAt: ago(60 * 24 * 30) },
        { name: "Globex Utilities", createdAt: ago(60 * 24 * 29) },
        { name: "Initech", createdAt: ago(60 * 24 * 28) },
      ])
      .returning();
    await tx.insert(accounts).values({ name: "Acme Gateways — EU Plant", parentId: acme.id, createdAt: ago(60 * 24 * 25) });
    const u = await tx
      .insert(users)
      .values([
        { email: "maker@acme.test", passwordHash: pw, firstName: "Maya", lastName: "Maker", primaryAccountId: acme.id },
        { email: "viewer@acme.test", passwordHash: pw, firstName: "Victor", lastName: "Viewer", primaryAccountId: acme.id },
        { email: "admin@globex.test", passwordHash: pw, firstName: "Grace", lastName: "Admin", primaryAccountId: globex.id },
        { email: "member@globex.test", passwordHash: pw, firstName: "Milo", lastName: "Member", primaryAccountId: globex.id },
        { email: "admin@initech.test", passwordHash: pw, firstName: "Ian", lastName: "Admin", primaryAccountId: initech.id },
      ])
      .returning();
    const [maker, viewer, gAdmin, gMember, iAdmin] = u;
    await tx.insert(memberships).values([
      { userId: maker.id, accountId: acme.id, role: "admin" },
      { userId: viewer.id, accountId: acme.id, role: "viewer" },
      { userId: gAdmin.id, accountId: globex.id, role: "admin" },
      { userId: gMember.id, accountId: globex.id, role: "member" },
      { userId: iAdmin.id, accountId: initech.id, role: "admin" },
    ]);

    const [edge, lite] = await tx
      .insert(deviceTypes)
      .values([
        {
          accountId: acme.id,
          userId: maker.id,
          name: "Acme Edge Gateway 500",
          manufacturer: "Acme",
          model: "EG-500",
          type: "gateway",
          longDescription: "Industrial LTE gateway with Modbus and BACnet.",
          capabilities: { modbus: true, bacnet: true, lte: true },
          config: { heartbeat_period: 30, log_config: { level: "info" } },
          createdAt: ago(60 * 24 * 20),
        },
        {
          accountId: acme.id,
          userId: maker.id,
          name: "Acme Lite Gateway 100",
          manufacturer: "Acme",
          model: "LG-100",
          type: "gateway",
          longDescription: "Compact Wi-Fi gateway for building sensors.",
          capabilities: { wifi: true, ble: true },
          config: { heartbeat_period: 60, log_config: { level: "warn" } },
          createdAt: ago(60 * 24 * 19),
        },
      ])
      .returning();
    const [globexCopy] = await tx
      .insert(deviceTypes)
      .values({
        accountId: globex.id,
        name: edge.name,
        manufacturer: edge.manufacturer,
        model: edge.model,
        type: edge.type,
        longDescription: edge.longDescription,
        capabilities: edge.capabilities,
        config: edge.config,
        createdAt: ago(60 * 24 * 10),
      })
      .returning();
    await tx.insert(deviceTypeCopies).values({ originDeviceTypeId: edge.id, destinationAccountId: globex.id, copyDeviceTypeId: globexCopy.id, createdAt: ago(60 * 24 * 10) });

    // 25 escrow devices: 1–4 transferred to Globex earlier, 5–7 in the pending request, the rest escrowed.
    const rows = Array.from({ length: 25 }, (_, i) => {
      const n = i + 1;
      const token = demoEscrowToken(n);
      const seen = n % 3 !== 0;
      return {
        accountId: acme.id,
        userId: maker.id,
        uniqueId: `acme-gw-${String(n).padStart(4, "0")}`,
        tokenDigest: digest(token),
        tokenHint: tokenHint(token),
        deviceTypeId: n <= 12 ? edge.id : lite.id,
        status: (n <= 4 ? "transferred" : n <= 7 ? "transfer_pending" : "escrowed") as "transferred" | "transfer_pending" | "escrowed",
        firstCheckinAt: seen ? ago(60 * 24 * 12 - n) : null,
        lastCheckinAt: seen ? ago(n * 7) : null,
        createdAt: ago(60 * 24 * 14 - n),
      };
    });
    const escrow = await tx.insert(escrowDevices).values(rows).returning();

    const [done] = await tx
      .insert(transferRequests)
      .values({
        fromAccountId: acme.id,
        toAccountId: globex.id,
        userId: maker.id,
        deviceTypeId: edge.id,
        deviceCount: 4,
        status: "accepted",
        decidedBy: gAdmin.id,
        decidedAt: ago(60 * 24 * 10),
        transferredAt: ago(60 * 24 * 10),
        resolvedDeviceTypeId: globexCopy.id,
        resolution: "copy",
        errors: {},
        createdAt: ago(60 * 24 * 11),
      })
      .returning();
    const transferred = escrow.slice(0, 4);
    const created = await tx
      .insert(devices)
      .values(
        transferred.map((e, i) => ({
          accountId: globex.id,
          uniqueId: e.uniqueId,
          name: `Substation ${i + 1}`,
          deviceTypeId: globexCopy.id,
          escrowDeviceId: e.id,
          transferRequestId: done.id,
          heartbeatPeriod: 30,
          heartbeatAt: i < 3 ? ago(i === 2 ? 30 : 0.2) : null,
          deviceTokenDigest: i < 3 ? digest(demoDeviceToken(i + 1)) : null,
          deviceTokenIssuedAt: i < 3 ? ago(60 * 24 * 9) : null,
          firstHeartbeatAt: i < 3 ? ago(60 * 24 * 9) : null,
          configDeliveredAt: i < 3 ? ago(60 * 24 * 9) : null,
          tags: ["substation", i % 2 ? "north" : "south"],
          createdAt: ago(60 * 24 * 10),
        })),
      )
      .returning();
    for (const [i, e] of transferred.entries()) {
      await tx
        .update(escrowDevices)
        .set({ deviceId: created[i].id, transferInitiatedAt: ago(60 * 24 * 11), transferCompletedAt: ago(60 * 24 * 10), tokenRetiredAt: i < 3 ? ago(60 * 24 * 9) : null })
        .where(eqId(e.id));
    }
    await tx.insert(transferRequestItems).values(
      transferred.map((e, i) => ({ requestId: done.id, escrowDeviceId: e.id, uniqueId: e.uniqueId, state: "transferred" as const, deviceId: created[i].id })),
    );

    const [pending] = await tx
      .insert(transferRequests)
      .values({ fromAccountId: acme.id, toAccountId: globex.id, userId: maker.id, deviceTypeId: edge.id, deviceCount: 3, status: "pending", createdAt: ago(90) })
      .returning();
    const pendingDevices = escrow.slice(4, 7);
    for (const e of pendingDevices) await tx.update(escrowDevices).set({ transferInitiatedAt: ago(90) }).where(eqId(e.id));
    await tx.insert(transferRequestItems).values(pendingDevices.map((e) => ({ requestId: pending.id, escrowDeviceId: e.id, uniqueId: e.uniqueId })));

    const actor = (user: typeof maker) => ({ actorType: "user" as const, actorId: user.id, actorLabel: user.email });
    await tx.insert(auditEvents).values([
      { accountId: acme.id, ...actor(maker), action: "device_type.create", subjectType: "device_type", subjectId: edge.id, detail: { name: edge.name }, createdAt: ago(60 * 24 * 20) },
      { accountId: acme.id, ...actor(maker), action: "device_type.create", subjectType: "device_type", subjectId: lite.id, detail: { name: lite.name }, createdAt: ago(60 * 24 * 19) },
      { accountId: acme.id, ...actor(maker), action: "escrow_device.import", subjectType: "escrow_device", subjectId: null, detail: { created: 25 }, createdAt: ago(60 * 24 * 14) },
      { accountId: acme.id, ...actor(maker), action: "transfer.create", subjectType: "transfer_request", subjectId: done.id, detail: { to_company_id: globex.id, device_count: 4 }, createdAt: ago(60 * 24 * 11) },
      { accountId: globex.id, ...actor(maker), action: "transfer.create", subjectType: "transfer_request", subjectId: done.id, detail: { from_company_id: acme.id, device_count: 4 }, createdAt: ago(60 * 24 * 11) },
      { accountId: acme.id, ...actor(gAdmin), action: "transfer.accept", subjectType: "transfer_request", subjectId: done.id, detail: { created: 4, resolution: "copy" }, createdAt: ago(60 * 24 * 10) },
      { accountId: globex.id, ...actor(gAdmin), action: "transfer.accept", subjectType: "transfer_request", subjectId: done.id, detail: { created: 4, resolution: "copy" }, createdAt: ago(60 * 24 * 10) },
      { accountId: acme.id, ...actor(maker), action: "transfer.create", subjectType: "transfer_request", subjectId: pending.id, detail: { to_company_id: globex.id, device_count: 3 }, createdAt: ago(90) },
      { accountId: globex.id, ...actor(maker), action: "transfer.create", subjectType: "transfer_request", subjectId: pending.id, detail: { from_company_id: acme.id, device_count: 3 }, createdAt: ago(90) },
    ]);
  });
}

function eqId(id: string) {
  return eq(escrowDevices.id, id);
}
