-- students.import_fingerprint becomes a 64-bit hash of the line (db/queries/import-staging.ts) instead of its MD5 as a
-- uuid: a fifth of the database's CPU to compute as a file is copied in. The column is dropped and added again
-- (both without rewriting the table); the trigger whose condition names it goes and comes back with it, unchanged.
-- Every student loses its fingerprint: the next import of a board checks each line once and gives each unchanged
-- student its line's new fingerprint (one update of each student, without an updated_at change), as after 0026.
DROP TRIGGER "students_import_fingerprint_clear" ON "students";--> statement-breakpoint
ALTER TABLE "students" DROP COLUMN "import_fingerprint";--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "import_fingerprint" bigint;--> statement-breakpoint
CREATE TRIGGER "students_import_fingerprint_clear" BEFORE UPDATE ON "students" FOR EACH ROW
  WHEN (OLD."import_fingerprint" IS NOT NULL AND NEW."import_fingerprint" IS NOT DISTINCT FROM OLD."import_fingerprint"
    AND (OLD."board_id", OLD."school_id", OLD."fiche", OLD."code_permanent", OLD."last_name", OLD."first_name",
      OLD."birth_date", OLD."grade")
      IS DISTINCT FROM (NEW."board_id", NEW."school_id", NEW."fiche", NEW."code_permanent", NEW."last_name",
      NEW."first_name", NEW."birth_date", NEW."grade"))
  EXECUTE FUNCTION "students_import_fingerprint_clear"();--> statement-breakpoint
-- Dry runs not yet applied computed their lines' MD5s: they expire (the file is read again in a new dry run).
UPDATE "import_runs" SET "status" = 'expired', "updated_at" = now() WHERE "status" = 'ready';
