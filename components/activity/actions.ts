import { AUDIT_ACTIONS, type AuditAction, EVENTS } from "@/lib/events/types";

const GROUPS: { label: string; prefixes: string[] }[] = [
  { label: "Transfers", prefixes: ["transfer.", "transfer_rule."] },
  { label: "Escrow devices", prefixes: ["escrow_device."] },
  { label: "Gateways", prefixes: ["gateway."] },
  { label: "Devices and types", prefixes: ["device.", "device_type."] },
  { label: "Account", prefixes: ["account.", "member.", "api_token.", "webhook."] },
];

/** The Activity filter's choices, grouped, labelled by the one event list (lib/events). */
export const ACTION_GROUPS: { label: string; prefix: string | null; actions: [AuditAction, string][] }[] = GROUPS.map((g) => ({
  label: g.label,
  // A whole group is offered as one choice when it has a single prefix (matched with `like`).
  prefix: g.prefixes.length === 1 ? g.prefixes[0] : null,
  actions: AUDIT_ACTIONS.filter((a) => g.prefixes.some((p) => a.startsWith(p))).map((a) => [a, EVENTS[a].label]),
}));

export const KNOWN_ACTIONS = new Set<string>(AUDIT_ACTIONS);
export const GROUP_PREFIXES = new Set(ACTION_GROUPS.map((g) => g.prefix).filter((p): p is string => Boolean(p)));
