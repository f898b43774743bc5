-- students.import_fingerprint: the hash of the import line that last wrote a record (fields and guardian emails), so
-- a later import recognises an unchanged line by one hash join (db/queries/import-unchanged.ts). Nullable, no
-- default: adding it rewrites nothing. The triggers below clear it whenever anything but the import changes what
-- a line sets, so it never vouches for values the line did not write.
ALTER TABLE "students" ADD COLUMN "import_fingerprint" uuid;--> statement-breakpoint
-- A record's fields changed without a new fingerprint in the same statement (a secretary's edit, a fix by support,
-- a migration): its line no longer describes it. The WHEN clause keeps every other update free of any call.
CREATE FUNCTION "students_import_fingerprint_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."import_fingerprint" := NULL;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "students_import_fingerprint_clear" BEFORE UPDATE ON "students" FOR EACH ROW
  WHEN (OLD."import_fingerprint" IS NOT NULL AND NEW."import_fingerprint" IS NOT DISTINCT FROM OLD."import_fingerprint"
    AND (OLD."board_id", OLD."school_id", OLD."fiche", OLD."code_permanent", OLD."last_name", OLD."first_name",
      OLD."birth_date", OLD."grade")
      IS DISTINCT FROM (NEW."board_id", NEW."school_id", NEW."fiche", NEW."code_permanent", NEW."last_name",
      NEW."first_name", NEW."birth_date", NEW."grade"))
  EXECUTE FUNCTION "students_import_fingerprint_clear"();--> statement-breakpoint
-- Guardian emails added, changed or removed by anything but an import's apply (which writes the fingerprint of the
-- line that set them, in the same transaction, and says so with the transaction-local setting
-- portail.import_apply): the record's line no longer describes its emails. Once per statement.
CREATE FUNCTION "guardian_emails_import_fingerprint_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('portail.import_apply', true) = 'on' THEN
    RETURN NULL;
  END IF;
  UPDATE "students" s SET "import_fingerprint" = NULL
  FROM (SELECT DISTINCT "student_id" FROM changed) c
  WHERE s."id" = c."student_id" AND s."import_fingerprint" IS NOT NULL;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "guardian_emails_insert_import_fingerprint" AFTER INSERT ON "guardian_emails"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "guardian_emails_import_fingerprint_clear"();--> statement-breakpoint
CREATE TRIGGER "guardian_emails_update_import_fingerprint" AFTER UPDATE ON "guardian_emails"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "guardian_emails_import_fingerprint_clear"();--> statement-breakpoint
CREATE TRIGGER "guardian_emails_delete_import_fingerprint" AFTER DELETE ON "guardian_emails"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "guardian_emails_import_fingerprint_clear"();--> statement-breakpoint
-- Dry runs made before this migration kept no fingerprints: they expire (the file is read again in a new dry run).
UPDATE "import_runs" SET "status" = 'expired', "updated_at" = now() WHERE "status" = 'ready';
