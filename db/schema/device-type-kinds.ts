// No imports: the portal's forms validate `type` in the browser with this list.
export const DEVICE_TYPE_KINDS = ["gateway", "sensor", "cloud_native", "modem", "lwm2m"] as const;
export type DeviceTypeKind = (typeof DEVICE_TYPE_KINDS)[number];
