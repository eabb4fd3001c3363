import { z } from "zod";
import { authenticateSchema, companyCreateSchema, createUserSchema, invitationCreateSchema, invitationSignupSchema, signupSchema } from "@/lib/accounts/schemas";
import { deviceTypeCreateSchema, deviceTypeUpdateSchema } from "@/lib/device-types/schemas";
import { deviceUpdateSchema } from "@/lib/devices/schemas";
import { escrowBulkCreateSchema, escrowBulkDeleteSchema, escrowCreateSchema, escrowUpdateSchema } from "@/lib/escrow-devices/schemas";
import { checkinSchema, heartbeatSchema } from "@/lib/gateway/schemas";
import { acceptSchema, rejectSchema, transferCreateSchema, transferRuleCreateSchema } from "@/lib/transfers/schemas";
import { deliverySchema, webhookCreateSchema, webhookSchema, webhookUpdateSchema, webhookWithSecretSchema } from "@/lib/webhooks/schemas";
import type { OperationSpec } from "./build";
import * as R from "./resources";

const PL = "/api/v1/platform";
const GW = "/api/v1/gateway";

/**
 * Every route under app/api/v1, documented. The contract test fails when a route file exists that
 * is not listed here, and when a response does not match what is listed.
 */
export const OPERATIONS: OperationSpec[] = [
  // §2 Users, accounts, tokens
  {
    method: "post",
    path: `${PL}/user/signup`,
    tag: "Users",
    summary: "Sign up: a new account with this user as its admin, or join an account through an invitation",
    description: "With `invitation_token` (the last path segment of an `invite_url`) instead of `company_name`, the user joins the inviting account with the invited role.",
    auth: "none",
    body: z.union([signupSchema, invitationSignupSchema]),
    responses: { 201: R.session },
    errors: [403, 404, 409],
  },
  { method: "post", path: `${PL}/user/authenticate`, tag: "Users", summary: "Sign in: a session token", auth: "none", body: authenticateSchema, responses: { 200: R.session }, errors: [401, 429] },
  {
    method: "post",
    path: `${PL}/user/api_token_reset`,
    tag: "Users",
    summary: "A new permanent API token (the old ones stop working)",
    auth: "none",
    body: authenticateSchema,
    responses: { 200: z.object({ api_token: z.string() }) },
    errors: [401, 429],
  },
  { method: "delete", path: `${PL}/user/session`, tag: "Users", summary: "End the session token used", responses: { 200: z.object({ ended: z.boolean() }) } },
  { method: "get", path: `${PL}/me`, tag: "Users", summary: "The signed-in user and their memberships", responses: { 200: R.user } },
  {
    method: "get",
    path: `${PL}/users`,
    tag: "Users",
    summary: "Members of your accounts, with the memberships you can see",
    list: { filters: ["_id", "email", "first_name", "last_name", "company_id", "role", "created_at", "updated_at"] },
    responses: { 200: R.user },
  },
  {
    method: "post",
    path: `${PL}/users`,
    tag: "Users",
    summary: "Create a NEW user in an account you administer (an existing email is a 409: invite it)",
    body: createUserSchema,
    responses: { 201: R.createdUser },
    errors: [409],
  },
  {
    method: "get",
    path: `${PL}/user_types`,
    tag: "Users",
    summary: "The roles as EdgeIQ user types",
    list: { filters: ["_id", "name", "role"] },
    responses: { 200: R.userType },
  },
  {
    method: "get",
    path: `${PL}/invitations`,
    tag: "Users",
    summary: "Pending invitations to you, and those sent by accounts you administer",
    list: { filters: ["_id", "email", "company_id", "role", "status", "expires_at", "created_at", "updated_at"] },
    responses: { 200: R.invitation },
  },
  {
    method: "post",
    path: `${PL}/invitations`,
    tag: "Users",
    summary: "Invite an email to an account you administer; the one-time invite_url is in this answer only",
    body: invitationCreateSchema,
    responses: { 201: R.invitation.extend({ invite_url: z.string() }) },
    errors: [409, 429],
  },
  { method: "post", path: `${PL}/invitations/{id}/accept`, tag: "Users", summary: "Accept an invitation (the invitee)", responses: { 200: R.membership }, errors: [409] },
  { method: "delete", path: `${PL}/invitations/{id}`, tag: "Users", summary: "Decline (the invitee) or revoke (an admin of the account)", responses: { 200: R.invitation }, errors: [409] },
  { method: "get", path: `${PL}/companies`, tag: "Accounts", summary: "Accounts you can see", list: { filters: ["_id", "name", "company_id", "created_at", "updated_at"] }, responses: { 200: R.company } },
  { method: "post", path: `${PL}/companies`, tag: "Accounts", summary: "Create a sub-account", body: companyCreateSchema, responses: { 201: R.company } },
  {
    method: "get",
    path: `${PL}/companies/partners`,
    tag: "Accounts",
    summary: "Accounts this account has exchanged transfer requests with, most recent first",
    query: z.object({ company_id: z.string().optional().meta({ description: "Narrow to one of your accounts." }) }),
    responses: { 200: z.array(R.partner) },
  },
  { method: "get", path: `${PL}/companies/{id}`, tag: "Accounts", summary: "One account", responses: { 200: R.company } },
  { method: "get", path: `${PL}/companies/{id}/public`, tag: "Accounts", summary: "The name of ANY account, to confirm a destination id", responses: { 200: R.publicCompany } },

  // §3 Device types, escrow devices, devices
  {
    method: "get",
    path: `${PL}/device_types`,
    tag: "Device types",
    summary: "List device types",
    list: { filters: ["_id", "company_id", "user_id", "name", "manufacturer", "model", "type", "created_at", "updated_at"] },
    responses: { 200: R.deviceType },
  },
  { method: "post", path: `${PL}/device_types`, tag: "Device types", summary: "Create a device type", body: deviceTypeCreateSchema, responses: { 201: R.deviceType } },
  { method: "get", path: `${PL}/device_types/{id}`, tag: "Device types", summary: "One device type", responses: { 200: R.deviceType } },
  { method: "put", path: `${PL}/device_types/{id}`, tag: "Device types", summary: "Change a device type", body: deviceTypeUpdateSchema, responses: { 200: R.deviceType } },
  { method: "delete", path: `${PL}/device_types/{id}`, tag: "Device types", summary: "Delete a device type (409 while in use)", responses: { 200: R.deviceType }, errors: [409] },
  {
    method: "get",
    path: `${PL}/escrow_devices`,
    tag: "Escrow devices",
    summary: "List escrow devices",
    list: {
      filters: ["_id", "company_id", "user_id", "unique_id", "status", "device_type_id", "device_id", "created_at", "updated_at", "last_checkin_at", "transfer_initiated_at", "transfer_completed_at"],
    },
    responses: { 200: R.escrowDevice },
  },
  {
    method: "post",
    path: `${PL}/escrow_devices`,
    tag: "Escrow devices",
    summary: "Create an escrow device",
    description: "Without `token`, the server generates one and returns it in this answer only.",
    body: escrowCreateSchema,
    responses: { 201: R.escrowDeviceWithToken },
    errors: [409],
  },
  {
    method: "post",
    path: `${PL}/escrow_devices/bulk`,
    tag: "Escrow devices",
    summary: "Create up to 10,000 escrow devices, all or nothing",
    body: escrowBulkCreateSchema,
    responses: { 201: z.object({ created: z.number().int(), resources: z.array(R.escrowDeviceWithToken) }) },
    errors: [409],
  },
  {
    method: "delete",
    path: `${PL}/escrow_devices/bulk`,
    tag: "Escrow devices",
    summary: "Delete escrow devices, all or nothing",
    body: escrowBulkDeleteSchema,
    responses: { 200: z.object({ deleted: z.number().int() }) },
    errors: [409],
  },
  { method: "get", path: `${PL}/escrow_devices/{id}`, tag: "Escrow devices", summary: "One escrow device (never its token)", responses: { 200: R.escrowDevice } },
  {
    method: "put",
    path: `${PL}/escrow_devices/{id}`,
    tag: "Escrow devices",
    summary: "Rotate the token or change the device type while escrowed",
    body: escrowUpdateSchema,
    responses: { 200: R.escrowDeviceWithToken },
    errors: [409],
  },
  { method: "delete", path: `${PL}/escrow_devices/{id}`, tag: "Escrow devices", summary: "Delete an escrow device (409 while transfer_pending)", responses: { 200: R.escrowDevice }, errors: [409] },
  {
    method: "get",
    path: `${PL}/devices`,
    tag: "Devices",
    summary: "List devices",
    list: {
      filters: [
        "_id",
        "company_id",
        "unique_id",
        "name",
        "device_type_id",
        "escrow_device_id",
        "transfer_request_id",
        "config_delivered_at",
        "first_heartbeat_at",
        "heartbeat_status",
        "heartbeat_at",
        "heartbeat_period",
        "created_at",
        "updated_at",
      ],
    },
    responses: { 200: R.device },
  },
  { method: "get", path: `${PL}/devices/{id}`, tag: "Devices", summary: "One device", responses: { 200: R.device } },
  { method: "put", path: `${PL}/devices/{id}`, tag: "Devices", summary: "Change name, tags or heartbeat_period", body: deviceUpdateSchema, responses: { 200: R.device } },
  { method: "delete", path: `${PL}/devices/{id}`, tag: "Devices", summary: "Delete a device", responses: { 200: R.device } },

  // §4, §9 Device transfer requests
  {
    method: "get",
    path: `${PL}/device_transfer_requests`,
    tag: "Transfers",
    summary: "Transfer requests in both directions",
    list: { filters: ["_id", "from_company_id", "to_company_id", "status", "device_type_id", "device_count", "user_id", "expires_at", "decided_at", "created_at", "updated_at"] },
    responses: { 200: R.transfer },
  },
  {
    method: "post",
    path: `${PL}/device_transfer_requests`,
    tag: "Transfers",
    summary: "Create a transfer request (by escrow_device_ids or a packing list of unique_ids)",
    body: transferCreateSchema,
    responses: { 201: R.transfer },
    errors: [409],
  },
  { method: "get", path: `${PL}/device_transfer_requests/{id}`, tag: "Transfers", summary: "One transfer request (either account)", responses: { 200: R.transfer } },
  { method: "delete", path: `${PL}/device_transfer_requests/{id}`, tag: "Transfers", summary: "Cancel (originating account; pending only)", responses: { 200: R.transfer }, errors: [409] },
  {
    method: "get",
    path: `${PL}/device_transfer_requests/{id}/preview`,
    tag: "Transfers",
    summary: "What accepting now would do with the device type",
    query: z.object({ device_type_id: z.string().optional() }),
    responses: { 200: R.transferPreview },
    errors: [409],
  },
  { method: "post", path: `${PL}/device_transfer_requests/{id}/transfer`, tag: "Transfers", summary: "Accept (destination admins)", body: acceptSchema, responses: { 200: R.transfer }, errors: [409] },
  { method: "post", path: `${PL}/device_transfer_requests/{id}/reject`, tag: "Transfers", summary: "Reject (destination admins)", body: rejectSchema, responses: { 200: R.transfer }, errors: [409] },
  {
    method: "get",
    path: `${PL}/transfer_rules`,
    tag: "Transfers",
    summary: "Trusted senders of your accounts",
    list: { filters: ["_id", "company_id", "from_company_id", "device_type_id", "created_at", "updated_at"] },
    responses: { 200: R.transferRule },
  },
  { method: "post", path: `${PL}/transfer_rules`, tag: "Transfers", summary: "Trust a sender: its requests are accepted at once", body: transferRuleCreateSchema, responses: { 201: R.transferRule }, errors: [409] },
  { method: "delete", path: `${PL}/transfer_rules/{id}`, tag: "Transfers", summary: "Stop trusting a sender", responses: { 200: R.transferRule } },
  {
    method: "get",
    path: `${PL}/events`,
    tag: "Audit",
    summary: "The audit trail of your accounts, newest first",
    list: { filters: ["company_id", "action", "subject_id", "subject_type", "actor_type", "created_at"] },
    responses: { 200: R.auditEvent },
  },

  // §8 Webhooks
  { method: "get", path: `${PL}/webhooks`, tag: "Webhook endpoints", summary: "Webhook endpoints of your accounts", list: { filters: ["_id", "company_id", "url", "active", "created_at", "updated_at"] }, responses: { 200: webhookSchema } },
  {
    method: "post",
    path: `${PL}/webhooks`,
    tag: "Webhook endpoints",
    summary: "Add an endpoint (admins); the signing secret is in this answer only",
    body: webhookCreateSchema,
    responses: { 201: webhookWithSecretSchema },
  },
  { method: "get", path: `${PL}/webhooks/{id}`, tag: "Webhook endpoints", summary: "One endpoint", responses: { 200: webhookSchema } },
  { method: "put", path: `${PL}/webhooks/{id}`, tag: "Webhook endpoints", summary: "Change url, events, description or active (admins)", body: webhookUpdateSchema, responses: { 200: webhookSchema } },
  { method: "delete", path: `${PL}/webhooks/{id}`, tag: "Webhook endpoints", summary: "Remove an endpoint and its delivery log (admins)", responses: { 200: webhookSchema } },
  {
    method: "get",
    path: `${PL}/webhooks/{id}/deliveries`,
    tag: "Webhook endpoints",
    summary: "Deliveries to this endpoint, newest first",
    list: { filters: ["_id", "event_id", "event_type", "status", "attempts", "last_status_code", "next_attempt_at", "created_at"] },
    responses: { 200: deliverySchema },
  },
  {
    method: "post",
    path: `${PL}/webhooks/{id}/deliveries/{delivery_id}/resend`,
    tag: "Webhook endpoints",
    summary: "Deliver that event again, now (same webhook-id); answers with the delivery after the attempt",
    responses: { 200: deliverySchema },
    errors: [409],
  },
  { method: "post", path: `${PL}/webhooks/{id}/test`, tag: "Webhook endpoints", summary: "Send a webhook.test event now; answers with the delivery", responses: { 200: deliverySchema }, errors: [409] },

  // §8 This reference
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Reference",
    summary: "This OpenAPI 3.1 document (no auth)",
    auth: "none",
    responses: { 200: z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string() }), paths: z.record(z.string(), z.unknown()) }) },
    errors: [],
  },

  // §5 Gateway API
  {
    method: "post",
    path: `${GW}/escrow/checkin`,
    tag: "Gateway",
    summary: "Escrow check-in (unique_id + escrow token); long-poll with ?wait=",
    auth: "none",
    query: z.object({ wait: z.coerce.number().int().min(0).max(30).optional().meta({ description: "Seconds to hold the request (0–30) until the device is active." }) }),
    body: checkinSchema,
    responses: { 200: R.checkinAnswer },
    errors: [401, 429],
  },
  { method: "post", path: `${GW}/heartbeat`, tag: "Gateway", summary: "Heartbeat with a device token", auth: "device", body: heartbeatSchema, responses: { 200: R.heartbeatAnswer }, errors: [429] },
  { method: "get", path: `${GW}/config`, tag: "Gateway", summary: "The device's current configuration (ETag / If-None-Match)", auth: "device", responses: { 200: R.gatewayDocument, 304: null }, errors: [429] },
];
