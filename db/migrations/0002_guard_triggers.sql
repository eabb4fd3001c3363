-- The database refuses what the rules forbid, whatever the code path (SPEC §3).
-- An escrow device in a pending transfer request cannot be deleted.
CREATE OR REPLACE FUNCTION handoff_guard_escrow_device_delete() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'transfer_pending' THEN
    RAISE EXCEPTION 'escrow device "%" is in a pending transfer request', OLD.unique_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'escrow_devices_not_pending_on_delete';
  END IF;
  RETURN OLD;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER escrow_devices_guard_delete BEFORE DELETE ON escrow_devices
  FOR EACH ROW EXECUTE FUNCTION handoff_guard_escrow_device_delete();
--> statement-breakpoint
-- A device type that a pending transfer request names cannot be deleted (decided requests keep
-- their history with device_type_id set null).
CREATE OR REPLACE FUNCTION handoff_guard_device_type_delete() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM transfer_requests WHERE device_type_id = OLD.id AND status = 'pending') THEN
    RAISE EXCEPTION 'device type "%" is used by a pending transfer request', OLD.name
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'device_types_not_in_pending_request';
  END IF;
  RETURN OLD;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER device_types_guard_delete BEFORE DELETE ON device_types
  FOR EACH ROW EXECUTE FUNCTION handoff_guard_device_type_delete();
