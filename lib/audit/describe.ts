import type { TransferParties } from "@/lib/audit/subjects";
import { actionLabel } from "@/lib/events/types";
import { plural } from "@/lib/text";

/** One audit event as the API serializes it. */
export interface EventJson {
  _id: string;
  company_id: string;
  actor_type: string;
  actor_id: string | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: Record<string, unknown>;
  created_at: string | null;
}

/** A piece of a sentence: plain text, or a named thing (linked when it still can be visited). */
export type Segment = string | { text: string; href?: string; code?: boolean };

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
export const shortId = (id: string) => `${id.slice(0, 4)}…`;

const SUBJECT_PATH: Record<string, string> = {
  transfer_request: "/transfers",
  escrow_device: "/escrow-devices",
  device: "/devices",
  device_type: "/device-types",
};
const RESOLUTION: Record<string, string> = { copy: "type copied", reuse: "earlier copy of the type reused", override: "own type chosen" };

/** Where an event's subject lives in the portal (null when it has no page or no longer exists). */
export function subjectHref(e: Pick<EventJson, "action" | "subject_type" | "subject_id">): string | null {
  if (e.action.endsWith(".delete") || e.action.endsWith(".bulk_delete")) return null;
  if (e.subject_type === "api_token") return "/settings/api-tokens";
  if (e.subject_type === "webhook") return "/settings/webhooks";
  if (e.subject_type === "transfer_rule") return "/transfers";
  if (e.subject_type === "user") return "/settings/members";
  if (e.action === "account.create_sub_account") return "/settings/sub-accounts";
  const base = SUBJECT_PATH[e.subject_type];
  return base && e.subject_id ? `${base}/${e.subject_id}` : null;
}

/**
 * An audit event as a sentence from the point of view of its account: "admin@globex.test accepted
 * transfer 8fb7… from Acme Gateways: 3 devices, type copied".
 */
export function describeEvent(e: EventJson, parties: Map<string, TransferParties>): Segment[] {
  const d = e.detail ?? {};
  const href = subjectHref(e) ?? undefined;
  const who: Segment = e.actor_type === "gateway" ? "The gateway" : e.actor_type === "system" ? "Handoff" : { text: e.actor || "someone" };
  const uid = str(d.unique_id);
  const named = (fallback: string): Segment => ({ text: uid ?? str(d.name) ?? fallback, href, code: Boolean(uid) });

  if (e.subject_type === "transfer_request" && e.subject_id) {
    const p = parties.get(e.subject_id);
    const transfer: Segment = { text: `transfer ${shortId(e.subject_id)}`, href, code: true };
    const incoming = p ? p.toId === e.company_id : false;
    const counterparty: Segment[] = p ? [incoming ? " from " : " to ", { text: incoming ? p.fromName : p.toName }] : [];
    const count = num(d.device_count);
    switch (e.action) {
      case "transfer.create":
        return incoming
          ? [who, " sent ", transfer, ...counterparty, `: ${plural(count, "device")}`]
          : [who, " requested ", transfer, ...counterparty, `: ${plural(count, "device")}`];
      case "transfer.accept": {
        const parts = [plural(num(d.created), "device")];
        if (num(d.failed)) parts.push(`${num(d.failed)} failed`);
        if (str(d.resolution)) parts.push(RESOLUTION[str(d.resolution) ?? ""] ?? `type ${str(d.resolution)}`);
        if (d.automatic === true) return [transfer, ...counterparty, ` was accepted automatically (trusted sender): ${parts.join(", ")}`];
        return [who, " accepted ", transfer, ...counterparty, `: ${parts.join(", ")}`];
      }
      case "transfer.reject":
        return [who, " rejected ", transfer, ...counterparty, count ? `: ${plural(count, "device")} back in escrow` : ""];
      case "transfer.cancel":
        return [who, " cancelled ", transfer, ...counterparty, count ? `: ${plural(count, "device")} back in escrow` : ""];
      case "transfer.expire":
        return ["Transfer ", { text: shortId(e.subject_id), href, code: true }, ...counterparty, ` expired: ${plural(num(d.released) || count, "device")} back in escrow`];
    }
  }

  switch (e.action) {
    case "escrow_device.create":
      return [who, " registered escrow device ", named("an escrow device"), d.generated_token ? " with a generated token" : ""];
    case "escrow_device.import":
      return [who, ` imported ${plural(num(d.created), "escrow device")} from a CSV file`];
    case "escrow_device.bulk_create":
      return [who, ` registered ${plural(num(d.created), "escrow device")} through the API`];
    case "escrow_device.update":
      return [who, " updated escrow device ", named("an escrow device")];
    case "escrow_device.rotate_token":
      return [who, " replaced the token of escrow device ", named("an escrow device")];
    case "escrow_device.delete":
      return [who, " deleted escrow device ", named("an escrow device")];
    case "escrow_device.bulk_delete":
      return [who, ` deleted ${plural(num(d.deleted), "escrow device")}`];
    case "device_type.create":
      return [who, " created device type ", named("a device type")];
    case "device_type.update":
      return [who, " updated device type ", named("a device type")];
    case "device_type.delete":
      return [who, " deleted device type ", named("a device type")];
    case "device.update":
      return [who, " updated device ", { text: str(d.name) ?? uid ?? "a device", href }];
    case "device.delete":
      return [who, " deleted device ", { text: str(d.name) ?? uid ?? "a device" }];
    case "gateway.checkin_escrow":
      return ["Gateway ", named("a gateway"), " checked in and is waiting in escrow"];
    case "gateway.activated":
      return ["Gateway ", named("a gateway"), " received its configuration and left escrow"];
    case "gateway.first_heartbeat":
      return ["Device ", named("a device"), " sent its first heartbeat"];
    case "member.add":
      return [who, " added ", { text: str(d.email) ?? "a member", href }, str(d.role) ? ` as ${str(d.role)}` : ""];
    case "member.role_change":
      return [who, " changed the role of ", { text: str(d.email) ?? "a member", href }, str(d.from) && str(d.to) ? ` from ${str(d.from)} to ${str(d.to)}` : ""];
    case "member.remove":
      return [who, " removed ", { text: str(d.email) ?? "a member" }];
    case "api_token.create":
      return [who, " created API token ", { text: str(d.name) ?? "a token", href }];
    case "api_token.revoke":
      return [who, " revoked API token ", { text: str(d.name) ?? "a token", href }];
    case "api_token.reset":
      return [who, " reset their API tokens"];
    case "account.create":
      return [who, " created the account ", { text: str(d.name) ?? "" }];
    case "account.create_sub_account":
      return [who, " created sub-account ", { text: str(d.name) ?? "a sub-account", href }];
    case "transfer_rule.create":
      return [who, " trusted a sender: its transfer requests are accepted automatically"];
    case "transfer_rule.delete":
      return [who, " stopped trusting a sender"];
    case "webhook.create":
      return [who, " added the webhook ", { text: str(d.url) ?? "a webhook", href, code: true }];
    case "webhook.update":
      return [who, " changed the webhook ", { text: str(d.url) ?? "a webhook", href, code: true }];
    case "webhook.delete":
      return [who, " removed the webhook ", { text: str(d.url) ?? "a webhook", code: true }];
  }
  // An action without a sentence yet reads as its label from the one event list.
  return [who, ": ", href ? { text: actionLabel(e.action), href } : actionLabel(e.action)];
}
