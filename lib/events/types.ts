/**
 * The one list of event types. Every audit action the code records is a key here (recordAudit
 * takes `AuditAction`, so an unlisted action does not compile); `label` is what the Activity page
 * shows; `webhook` is the webhook event type the action is delivered as, if any. `webhookSubject`
 * narrows the mapping to audit events about that subject type (gateway.activated is recorded
 * against the device for its account and against the escrow device for the manufacturer; only the
 * former is `device.activated`).
 */
interface EventSpec {
  label: string;
  webhook?: WebhookEventType;
  webhookSubject?: string;
}

export const WEBHOOK_EVENT_TYPES = [
  "transfer.created",
  "transfer.accepted",
  "transfer.rejected",
  "transfer.cancelled",
  "transfer.expired",
  "escrow_device.first_checkin",
  "device.activated",
  "device.first_heartbeat",
  "webhook.test",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What each webhook event means, for the OpenAPI document and the settings page. */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "transfer.created": "A transfer request was created (sent to both accounts).",
  "transfer.accepted": "A transfer request was accepted and its devices created (both accounts).",
  "transfer.rejected": "A transfer request was rejected (both accounts).",
  "transfer.cancelled": "A transfer request was cancelled by its originator (both accounts).",
  "transfer.expired": "A pending transfer request passed its expiry (both accounts).",
  "escrow_device.first_checkin": "An escrow device checked in for the first time (the manufacturer).",
  "device.activated": "A transferred gateway received its configuration (the device's account).",
  "device.first_heartbeat": "A device sent its first heartbeat (the device's account).",
  "webhook.test": "A test event sent from Settings → Webhooks or POST webhooks/{id}/test.",
};

export const EVENTS = {
  "account.create": { label: "Account created" },
  "account.create_sub_account": { label: "Sub-account created" },
  "api_token.create": { label: "API token created" },
  "api_token.reset": { label: "API token reset" },
  "api_token.revoke": { label: "API token revoked" },
  "member.add": { label: "Member added" },
  "member.remove": { label: "Member removed" },
  "member.role_change": { label: "Member role changed" },
  "invitation.create": { label: "Member invited" },
  "invitation.accept": { label: "Invitation accepted" },
  "invitation.decline": { label: "Invitation declined" },
  "invitation.revoke": { label: "Invitation revoked" },
  "session.end_all": { label: "Signed out everywhere" },
  "user.password_change": { label: "Password changed" },
  "device_type.create": { label: "Device type created" },
  "device_type.update": { label: "Device type updated" },
  "device_type.delete": { label: "Device type deleted" },
  "escrow_device.create": { label: "Escrow device created" },
  "escrow_device.bulk_create": { label: "Escrow devices created" },
  "escrow_device.import": { label: "Escrow devices imported" },
  "escrow_device.update": { label: "Escrow device updated" },
  "escrow_device.rotate_token": { label: "Escrow token rotated" },
  "escrow_device.delete": { label: "Escrow device deleted" },
  "escrow_device.bulk_delete": { label: "Escrow devices deleted" },
  "device.update": { label: "Device updated" },
  "device.delete": { label: "Device deleted" },
  "transfer.create": { label: "Transfer requested", webhook: "transfer.created" },
  "transfer.accept": { label: "Transfer accepted", webhook: "transfer.accepted" },
  "transfer.reject": { label: "Transfer rejected", webhook: "transfer.rejected" },
  "transfer.cancel": { label: "Transfer cancelled", webhook: "transfer.cancelled" },
  "transfer.expire": { label: "Transfer expired", webhook: "transfer.expired" },
  "transfer_rule.create": { label: "Trusted sender added" },
  "transfer_rule.delete": { label: "Trusted sender removed" },
  "gateway.checkin_escrow": { label: "First escrow check-in", webhook: "escrow_device.first_checkin" },
  "gateway.activated": { label: "Gateway activated", webhook: "device.activated", webhookSubject: "device" },
  "gateway.first_heartbeat": { label: "First heartbeat", webhook: "device.first_heartbeat" },
  "webhook.create": { label: "Webhook created" },
  "webhook.update": { label: "Webhook updated" },
  "webhook.delete": { label: "Webhook deleted" },
} as const satisfies Record<string, EventSpec>;

export type AuditAction = keyof typeof EVENTS;
export const AUDIT_ACTIONS = Object.keys(EVENTS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(EVENTS, value);
}

/** The readable label of an action; an action no longer in the list (old rows) reads as itself. */
export function actionLabel(action: string): string {
  return isAuditAction(action) ? EVENTS[action].label : action;
}

/** The webhook event type an audit event is delivered as, or null. */
export function webhookTypeOf(action: AuditAction, subjectType: string): WebhookEventType | null {
  const spec: EventSpec = EVENTS[action];
  if (!spec.webhook) return null;
  if (spec.webhookSubject && spec.webhookSubject !== subjectType) return null;
  return spec.webhook;
}

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
