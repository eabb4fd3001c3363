CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_not_own_parent" CHECK ("accounts"."parent_id" is null or "accounts"."parent_id" <> "accounts"."id")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_digest" text NOT NULL,
	"token_hint" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" text NOT NULL,
	"account_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_account_id_pk" PRIMARY KEY("user_id","account_id"),
	CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('viewer', 'member', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "session_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_digest" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"primary_account_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text DEFAULT '' NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_type_copies" (
	"origin_device_type_id" text NOT NULL,
	"destination_account_id" text NOT NULL,
	"copy_device_type_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_type_copies_origin_device_type_id_destination_account_id_pk" PRIMARY KEY("origin_device_type_id","destination_account_id")
);
--> statement-breakpoint
CREATE TABLE "device_types" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"manufacturer" text NOT NULL,
	"model" text NOT NULL,
	"type" text NOT NULL,
	"long_description" text DEFAULT '' NOT NULL,
	"capabilities" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_types_type_check" CHECK ("device_types"."type" in ('gateway', 'sensor', 'cloud_native', 'modem', 'lwm2m'))
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"user_id" text,
	"unique_id" text NOT NULL,
	"name" text NOT NULL,
	"device_type_id" text NOT NULL,
	"escrow_device_id" text,
	"transfer_request_id" text,
	"heartbeat_period" integer DEFAULT 60 NOT NULL,
	"heartbeat_at" timestamp with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"device_token_digest" text,
	"device_token_issued_at" timestamp with time zone,
	"config_delivered_at" timestamp with time zone,
	"first_heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_heartbeat_period_check" CHECK ("devices"."heartbeat_period" between 1 and 86400)
);
--> statement-breakpoint
CREATE TABLE "escrow_devices" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"user_id" text,
	"unique_id" text NOT NULL,
	"token_digest" text NOT NULL,
	"token_hint" text NOT NULL,
	"device_type_id" text,
	"status" text DEFAULT 'escrowed' NOT NULL,
	"transfer_initiated_at" timestamp with time zone,
	"transfer_completed_at" timestamp with time zone,
	"first_checkin_at" timestamp with time zone,
	"last_checkin_at" timestamp with time zone,
	"token_retired_at" timestamp with time zone,
	"device_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "escrow_devices_status_check" CHECK ("escrow_devices"."status" in ('escrowed', 'transfer_pending', 'transferred')),
	CONSTRAINT "escrow_devices_unique_id_format" CHECK ("escrow_devices"."unique_id" ~ '^[a-z0-9:_-]{1,128}$')
);
--> statement-breakpoint
CREATE TABLE "transfer_request_items" (
	"request_id" text NOT NULL,
	"escrow_device_id" text NOT NULL,
	"unique_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"device_id" text,
	"error" text,
	CONSTRAINT "transfer_request_items_request_id_escrow_device_id_pk" PRIMARY KEY("request_id","escrow_device_id"),
	CONSTRAINT "transfer_request_items_state_check" CHECK ("transfer_request_items"."state" in ('pending', 'transferred', 'failed', 'released'))
);
--> statement-breakpoint
CREATE TABLE "transfer_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"from_account_id" text NOT NULL,
	"to_account_id" text NOT NULL,
	"user_id" text,
	"device_type_id" text NOT NULL,
	"device_count" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"transferred_at" timestamp with time zone,
	"resolved_device_type_id" text,
	"resolution" text,
	"errors" jsonb,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfer_requests_accounts_differ" CHECK ("transfer_requests"."from_account_id" <> "transfer_requests"."to_account_id"),
	CONSTRAINT "transfer_requests_status_check" CHECK ("transfer_requests"."status" in ('pending', 'accepted', 'rejected', 'cancelled', 'expired')),
	CONSTRAINT "transfer_requests_device_count_check" CHECK ("transfer_requests"."device_count" between 1 and 10000)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_parent_id_accounts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_tokens" ADD CONSTRAINT "session_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_primary_account_id_accounts_id_fk" FOREIGN KEY ("primary_account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_type_copies" ADD CONSTRAINT "device_type_copies_origin_device_type_id_device_types_id_fk" FOREIGN KEY ("origin_device_type_id") REFERENCES "public"."device_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_type_copies" ADD CONSTRAINT "device_type_copies_destination_account_id_accounts_id_fk" FOREIGN KEY ("destination_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_type_copies" ADD CONSTRAINT "device_type_copies_copy_device_type_id_device_types_id_fk" FOREIGN KEY ("copy_device_type_id") REFERENCES "public"."device_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_types" ADD CONSTRAINT "device_types_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_types" ADD CONSTRAINT "device_types_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_device_type_id_device_types_id_fk" FOREIGN KEY ("device_type_id") REFERENCES "public"."device_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_escrow_device_id_escrow_devices_id_fk" FOREIGN KEY ("escrow_device_id") REFERENCES "public"."escrow_devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_devices" ADD CONSTRAINT "escrow_devices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_devices" ADD CONSTRAINT "escrow_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_devices" ADD CONSTRAINT "escrow_devices_device_type_id_device_types_id_fk" FOREIGN KEY ("device_type_id") REFERENCES "public"."device_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escrow_devices" ADD CONSTRAINT "escrow_devices_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_request_items" ADD CONSTRAINT "transfer_request_items_request_id_transfer_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."transfer_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_request_items" ADD CONSTRAINT "transfer_request_items_escrow_device_id_escrow_devices_id_fk" FOREIGN KEY ("escrow_device_id") REFERENCES "public"."escrow_devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_request_items" ADD CONSTRAINT "transfer_request_items_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_from_account_id_accounts_id_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_to_account_id_accounts_id_fk" FOREIGN KEY ("to_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_device_type_id_device_types_id_fk" FOREIGN KEY ("device_type_id") REFERENCES "public"."device_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_resolved_device_type_id_device_types_id_fk" FOREIGN KEY ("resolved_device_type_id") REFERENCES "public"."device_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_parent_idx" ON "accounts" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_digest_key" ON "api_tokens" USING btree ("token_digest");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memberships_account_idx" ON "memberships" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_tokens_digest_key" ON "session_tokens" USING btree ("token_digest");--> statement-breakpoint
CREATE INDEX "session_tokens_user_idx" ON "session_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "audit_events_account_created_idx" ON "audit_events" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "device_type_copies_copy_key" ON "device_type_copies" USING btree ("copy_device_type_id");--> statement-breakpoint
CREATE INDEX "device_types_account_idx" ON "device_types" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_unique_id_key" ON "devices" USING btree ("unique_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token_digest_key" ON "devices" USING btree ("device_token_digest");--> statement-breakpoint
CREATE INDEX "devices_account_created_idx" ON "devices" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "devices_device_type_idx" ON "devices" USING btree ("device_type_id");--> statement-breakpoint
CREATE INDEX "devices_escrow_device_idx" ON "devices" USING btree ("escrow_device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "escrow_devices_unique_id_key" ON "escrow_devices" USING btree ("unique_id");--> statement-breakpoint
CREATE INDEX "escrow_devices_account_created_idx" ON "escrow_devices" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "escrow_devices_account_status_idx" ON "escrow_devices" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "transfer_request_items_one_pending_key" ON "transfer_request_items" USING btree ("escrow_device_id") WHERE "transfer_request_items"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "transfer_requests_from_idx" ON "transfer_requests" USING btree ("from_account_id","created_at");--> statement-breakpoint
CREATE INDEX "transfer_requests_to_idx" ON "transfer_requests" USING btree ("to_account_id","status","created_at");--> statement-breakpoint
CREATE INDEX "transfer_requests_pending_expiry_idx" ON "transfer_requests" USING btree ("expires_at") WHERE "transfer_requests"."status" = 'pending';