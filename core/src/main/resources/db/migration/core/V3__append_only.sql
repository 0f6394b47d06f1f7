-- Defence in depth: what is proven in the log, and the facts it proves, are append-only in the
-- database too. Application code never updates or deletes these rows; these triggers make a
-- mistaken or malicious UPDATE/DELETE/TRUNCATE fail loudly instead of silently diverging from
-- the log. (engagement, case_file hold mutable heads and are not covered; record_secret rows may be
-- deleted, which makes a field unrevealable without touching the log, but never changed.)
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: % is append-only', TG_OP, TG_TABLE_NAME, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER log_entry_append_only BEFORE UPDATE OR DELETE ON log_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER log_entry_no_truncate BEFORE TRUNCATE ON log_entry
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER record_secret_no_update BEFORE UPDATE ON record_secret
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TRIGGER engagement_version_append_only BEFORE UPDATE OR DELETE ON engagement_version
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER assessment_append_only BEFORE UPDATE OR DELETE ON assessment
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER blob_append_only BEFORE UPDATE OR DELETE ON blob
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER decision_append_only BEFORE UPDATE OR DELETE ON decision
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER directive_append_only BEFORE UPDATE OR DELETE ON directive
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER directive_ack_append_only BEFORE UPDATE OR DELETE ON directive_ack
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The counter only ever moves forward by one (a rollback restores it; nothing else may).
CREATE FUNCTION log_counter_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.next <> OLD.next + 1 THEN
    RAISE EXCEPTION 'log_counter may only advance by one (from % to %)', OLD.next, NEW.next
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER log_counter_forward BEFORE UPDATE ON log_counter
  FOR EACH ROW EXECUTE FUNCTION log_counter_forward_only();
CREATE TRIGGER log_counter_no_delete BEFORE DELETE ON log_counter
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
