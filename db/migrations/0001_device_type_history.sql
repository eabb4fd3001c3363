ALTER TABLE "transfer_requests" DROP CONSTRAINT "transfer_requests_device_type_id_device_types_id_fk";
--> statement-breakpoint
ALTER TABLE "transfer_requests" ALTER COLUMN "device_type_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_device_type_id_device_types_id_fk" FOREIGN KEY ("device_type_id") REFERENCES "public"."device_types"("id") ON DELETE set null ON UPDATE no action;