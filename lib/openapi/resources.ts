import { z } from "zod";
import { DEVICE_TYPE_KINDS, ESCROW_STATUSES, INVITATION_STATUSES, ROLES, TRANSFER_STATUSES } from "@/db/schema";
import { HEARTBEAT_STATUSES } from "@/lib/devices/schemas";

/**
 * Response shapes of the platform and gateway APIs. Request bodies are documented with the very
 * schemas lib/ validates with; responses are described here, and the contract test checks every
 * response the API test suite receives against them, so a serializer cannot drift unnoticed.
 */
const date = z.string().meta({ format: "date-time" });
const nullableDate = date.nullable();
const jsonObject = z.record(z.string(), z.unknown());

export const errorBody = z
  .looseObject({
    error: z.string().meta({ description: "A short message." }),
    messages: z.array(z.string()).meta({ description: "Every problem, human readable." }),
  })
  .meta({ id: "Error", description: "API.md §1: every refused request. Bulk calls add `errors` (row index → reason)." });

export const user = z
  .object({
    _id: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    company_id: z.string().meta({ description: "The primary account." }),
    company_ids: z.array(z.string()),
    memberships: z.array(z.object({ company_id: z.string(), role: z.enum(ROLES) })),
    created_at: date,
    updated_at: date,
  })
  .meta({ id: "User" });

export const session = user
  .extend({ session_token: z.string(), session_expires_at: date })
  .meta({ id: "Session", description: "The user, with a session token for the `Authorization` header." });

export const createdUser = user
  .extend({ user_type_id: z.enum(ROLES), api_token: z.string().meta({ description: "The new user's permanent API token: in this answer only." }) })
  .meta({ id: "CreatedUser" });

export const userType = z.object({ _id: z.enum(ROLES), name: z.string(), role: z.enum(ROLES), description: z.string() }).meta({ id: "UserType" });

export const invitation = z
  .object({
    _id: z.string(),
    email: z.string(),
    company_id: z.string(),
    company_name: z.string().optional(),
    role: z.enum(ROLES),
    status: z.enum(INVITATION_STATUSES),
    user_id: z.string().nullable(),
    expires_at: date,
    decided_at: nullableDate,
    created_at: date,
    updated_at: date,
  })
  .meta({ id: "Invitation" });

export const membership = z.object({ company_id: z.string(), user_id: z.string(), role: z.enum(ROLES), created_at: date }).meta({ id: "Membership" });

export const company = z
  .object({ _id: z.string(), name: z.string(), company_id: z.string().nullable(), user_id: z.string().nullable(), created_at: date, updated_at: date })
  .meta({ id: "Company" });

export const publicCompany = z.object({ _id: z.string(), name: z.string() }).meta({ id: "PublicCompany" });

export const partner = z
  .object({ _id: z.string(), name: z.string(), transfers: z.number().int(), last_transfer_at: date })
  .meta({ id: "Partner" });

export const deviceType = z
  .object({
    _id: z.string(),
    company_id: z.string(),
    user_id: z.string().nullable(),
    name: z.string(),
    manufacturer: z.string(),
    model: z.string(),
    type: z.enum(DEVICE_TYPE_KINDS),
    long_description: z.string(),
    capabilities: jsonObject,
    config: jsonObject,
    created_at: date,
    updated_at: date,
  })
  .meta({ id: "DeviceType" });

export const escrowDevice = z
  .object({
    _id: z.string(),
    company_id: z.string(),
    user_id: z.string().nullable(),
    unique_id: z.string(),
    token_hint: z.string(),
    device_type_id: z.string().nullable(),
    status: z.enum(ESCROW_STATUSES),
    transfer_initiated_at: nullableDate,
    transfer_completed_at: nullableDate,
    last_checkin_at: nullableDate,
    device_id: z.string().nullable(),
    created_at: date,
    updated_at: date,
  })
  .meta({ id: "EscrowDevice" });

export const escrowDeviceWithToken = escrowDevice
  .extend({ token: z.string().optional().meta({ description: "Only when the server generated the token: shown in this answer only." }) })
  .meta({ id: "EscrowDeviceCreated" });

export const device = z
  .looseObject({
    _id: z.string(),
    company_id: z.string(),
    user_id: z.string().nullable(),
    unique_id: z.string(),
    name: z.string(),
    device_type_id: z.string(),
    escrow_device_id: z.string().nullable(),
    heartbeat_period: z.number().int(),
    heartbeat_at: nullableDate,
    heartbeat_status: z.enum(HEARTBEAT_STATUSES),
    tags: z.array(z.string()),
    created_at: date,
    updated_at: date,
  })
  .meta({ id: "Device", description: "Devices of shipment-scale transfers also carry transfer_request_id, config_delivered_at and first_heartbeat_at." });

export const transferProgress = z
  .object({ devices: z.number().int(), created: z.number().int(), failed: z.number().int(), config_delivered: z.number().int(), first_heartbeat: z.number().int() })
  .meta({ id: "TransferProgress" });

export const transfer = z
  .looseObject({
    _id: z.string(),
    from_company_id: z.string(),
    to_company_id: z.string(),
    company_id: z.string().meta({ description: "The originator (= from_company_id)." }),
    device_type_id: z.string().nullable(),
    escrow_device_ids: z.array(z.string()),
    device_count: z.number().int(),
    status: z.enum(TRANSFER_STATUSES),
    expires_at: nullableDate,
    created_at: date,
    updated_at: date,
    user_id: z.string().nullable(),
    decided_by: z.string().nullable(),
    decided_at: nullableDate,
    transferred_at: nullableDate,
    resolved_device_type_id: z.string().nullable(),
    errors: z.record(z.string(), z.string()).nullable().meta({ description: "After accept: escrow device id → why its device was not created." }),
    reason: z.string().nullable(),
    accepted_by_rule_id: z.string().nullable().optional(),
    auto_accepted: z.boolean().optional(),
    progress: transferProgress.nullable().optional(),
  })
  .meta({ id: "DeviceTransferRequest" });

export const transferPreview = z
  .looseObject({
    resolution: z.enum(["override", "reuse", "copy"]),
    device_type: deviceType.extend({ _id: z.string().nullable().meta({ description: "null for a type that would be copied" }), created_at: nullableDate, updated_at: nullableDate }),
    copied_at: nullableDate.optional(),
  })
  .meta({ id: "TransferPreview" });

export const transferRule = z
  .object({ _id: z.string(), company_id: z.string(), from_company_id: z.string(), device_type_id: z.string().nullable(), user_id: z.string().nullable(), created_at: date, updated_at: date })
  .meta({ id: "TransferRule" });

export const auditEvent = z
  .object({
    _id: z.string(),
    company_id: z.string(),
    actor_type: z.enum(["user", "api_token", "gateway", "system"]),
    actor_id: z.string().nullable(),
    actor: z.string(),
    action: z.string().meta({ description: "One of the audit actions (see the event list in the description)." }),
    subject_type: z.string(),
    subject_id: z.string().nullable(),
    detail: jsonObject,
    created_at: date,
  })
  .meta({ id: "AuditEvent" });

const gatewayDevice = z.object({
  _id: z.string(),
  company_id: z.string(),
  unique_id: z.string(),
  name: z.string(),
  device_type_id: z.string(),
  escrow_device_id: z.string().nullable(),
  heartbeat_period: z.number().int(),
  tags: z.array(z.string()),
  created_at: date,
  updated_at: date,
});

export const gatewayDocument = z
  .looseObject({
    mode: z.literal("active"),
    device: gatewayDevice,
    device_type: deviceType.omit({ user_id: true }),
    company: publicCompany,
    config: jsonObject,
    config_version: z.string(),
  })
  .meta({ id: "GatewayConfig" });

export const checkinAnswer = z
  .union([
    z.object({ mode: z.literal("escrow"), poll_after: z.number().meta({ description: "Seconds until the next check-in." }) }),
    gatewayDocument.extend({ device_token: z.string().meta({ description: "For `Authorization: Device <token>`; a new one on every active answer." }) }),
  ])
  .meta({ id: "CheckinAnswer" });

export const heartbeatAnswer = z.object({ heartbeat_period: z.number().int(), config_version: z.string() }).meta({ id: "HeartbeatAnswer" });
