/** The audit actions the Activity filter offers, grouped, with what each reads as. */
export const ACTION_GROUPS: { label: string; prefix: string; actions: [string, string][] }[] = [
  {
    label: "Transfers",
    prefix: "transfer.",
    actions: [
      ["transfer.create", "Transfer requested"],
      ["transfer.accept", "Transfer accepted"],
      ["transfer.reject", "Transfer rejected"],
      ["transfer.cancel", "Transfer cancelled"],
      ["transfer.expire", "Transfer expired"],
    ],
  },
  {
    label: "Escrow devices",
    prefix: "escrow_device.",
    actions: [
      ["escrow_device.create", "Escrow device registered"],
      ["escrow_device.import", "Escrow devices imported"],
      ["escrow_device.bulk_create", "Escrow devices registered through the API"],
      ["escrow_device.update", "Escrow device updated"],
      ["escrow_device.rotate_token", "Escrow token replaced"],
      ["escrow_device.delete", "Escrow device deleted"],
      ["escrow_device.bulk_delete", "Escrow devices deleted"],
    ],
  },
  {
    label: "Gateways",
    prefix: "gateway.",
    actions: [
      ["gateway.checkin_escrow", "Checked in while in escrow"],
      ["gateway.activated", "Configuration delivered"],
      ["gateway.first_heartbeat", "First heartbeat"],
    ],
  },
  {
    label: "Devices and types",
    prefix: "device",
    actions: [
      ["device.update", "Device updated"],
      ["device.delete", "Device deleted"],
      ["device_type.create", "Device type created"],
      ["device_type.update", "Device type updated"],
      ["device_type.delete", "Device type deleted"],
    ],
  },
  {
    label: "Account",
    prefix: "",
    actions: [
      ["member.add", "Member added"],
      ["member.role_change", "Member's role changed"],
      ["member.remove", "Member removed"],
      ["api_token.create", "API token created"],
      ["api_token.revoke", "API token revoked"],
      ["account.create_sub_account", "Sub-account created"],
    ],
  },
];

export const KNOWN_ACTIONS = new Set(ACTION_GROUPS.flatMap((g) => g.actions.map(([a]) => a)));
export const GROUP_PREFIXES = new Set(ACTION_GROUPS.map((g) => g.prefix).filter(Boolean));
