-- The register of confidentiality incidents is kept at least five years (Loi 25, art. 3.8; Règlement, art. 7):
-- an entry cannot be deleted before five years have passed since the incident (or since it was recorded,
-- whichever is later), whatever the client.
CREATE OR REPLACE FUNCTION privacy_incidents_keep_five_years() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF greatest(OLD.created_at::date, coalesce(OLD.occurred_to, OLD.occurred_from, OLD.created_at::date))
     + interval '5 years' > current_date THEN
    RAISE EXCEPTION 'privacy incident % must be kept five years', OLD.id USING ERRCODE = 'P0001', HINT = 'privacy_incident_retention';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER privacy_incidents_keep_five_years BEFORE DELETE ON privacy_incidents
  FOR EACH ROW EXECUTE FUNCTION privacy_incidents_keep_five_years();
--> statement-breakpoint
-- What the system recorded when the entry was opened is evidence: it is never rewritten.
CREATE OR REPLACE FUNCTION privacy_incidents_fixed_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.facts IS DISTINCT FROM OLD.facts OR NEW.board_id IS DISTINCT FROM OLD.board_id
     OR NEW.source IS DISTINCT FROM OLD.source OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.reported_by_parent_id IS DISTINCT FROM OLD.reported_by_parent_id
     OR NEW.declared_by_staff_id IS DISTINCT FROM OLD.declared_by_staff_id THEN
    RAISE EXCEPTION 'the recorded facts of privacy incident % cannot change', OLD.id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER privacy_incidents_fixed_facts BEFORE UPDATE ON privacy_incidents
  FOR EACH ROW EXECUTE FUNCTION privacy_incidents_fixed_facts();
--> statement-breakpoint
-- An incident's timeline is its audit rows.
CREATE INDEX audit_log_incident_idx ON audit_log (((details->>'incidentId')::integer), created_at)
  WHERE action LIKE 'incident.%';
