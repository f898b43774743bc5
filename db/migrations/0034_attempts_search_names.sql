-- The province-wide search of the attempts screen by name (db/queries/attempts.ts) reads one column of the attempts:
-- the names the parent typed, folded as typedNamesKey folds them (db/typed-identifier.ts), and the candidate's
-- search_name as it is now, separated by a space. Every word of a name is letters and digits, so "each word is in
-- the typed names or in the record's name" is "each word is in search_names", and the words of a name are looked up
-- together in one trigram index, or the newest refusals walked with their names from the index alone, instead of
-- each record's attempts probed one by one and every refusal read from the table.
ALTER TABLE "association_attempts" ADD COLUMN "search_names" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE FUNCTION "attempt_search_names"("typed" jsonb, "candidate" integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT translate(lower(coalesce("typed"->>'lastName', '') || ' ' || coalesce("typed"->>'firstName', '')),
      'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ''’-', 'aaaaaaceeeeiiiinooooouuuuyy   ')
    || ' ' || coalesce((SELECT s."search_name" FROM "students" s WHERE s."id" = "candidate"), '')
$$;--> statement-breakpoint
UPDATE "association_attempts" SET "search_names" = "attempt_search_names"("typed", "candidate_student_id");--> statement-breakpoint
-- Kept on write: an attempt's own (no writer sets the column: a value written is replaced), and when its candidate
-- changes (a record deleted sets it to null) or is renamed.
CREATE FUNCTION "association_attempt_search_names"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_names" := "attempt_search_names"(NEW."typed", NEW."candidate_student_id");
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "association_attempts_search_names"
BEFORE INSERT OR UPDATE OF "typed", "candidate_student_id", "search_names" ON "association_attempts"
FOR EACH ROW EXECUTE FUNCTION "association_attempt_search_names"();--> statement-breakpoint
CREATE FUNCTION "student_attempts_search_names"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The attempts' own trigger reads the record's new name (association_attempts_student_idx finds them).
  UPDATE "association_attempts" SET "search_names" = '' WHERE "candidate_student_id" = NEW."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "students_attempts_search_names"
AFTER UPDATE ON "students"
FOR EACH ROW WHEN (OLD."search_name" IS DISTINCT FROM NEW."search_name")
EXECUTE FUNCTION "student_attempts_search_names"();--> statement-breakpoint
CREATE INDEX "association_attempts_search_names_idx" ON "association_attempts" USING gin ("search_names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "association_attempts_refused_names_idx" ON "association_attempts" USING btree ("created_at","id") INCLUDE ("candidate_student_id","search_names") WHERE not "association_attempts"."success" and "association_attempts"."outcome" = 'refused';
