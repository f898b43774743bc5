-- Name search by whole words (db/queries/student-search.ts). students.search_name is words separated by single
-- spaces, and a typed word has no space in it, so "the name contains this typed word" is "one of the name's words
-- contains it". The search expands each typed word to the stored words containing it (student_name_words, a few
-- thousand rows) and finds the students having one of them through a GIN index on the name's words, whose posting
-- lists hold one entry per student having the word, instead of one per student having each of its trigrams.
CREATE TABLE "student_name_words" (
	"word" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "student_name_words_prefix_idx" ON "student_name_words" USING btree ("word" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "student_name_words_trgm_idx" ON "student_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "students_name_words_idx" ON "students" USING gin (string_to_array("search_name", ' '));--> statement-breakpoint
-- The planner estimates how many students have one of a set of words from this expression's most common elements
-- (with 1,000, up to 10,000 words are counted; search_name's sample is already that large).
ALTER INDEX "students_name_words_idx" ALTER COLUMN 1 SET STATISTICS 1000;--> statement-breakpoint
-- The trigram index no longer serves any query: name words are found through students_name_words_idx, and every
-- other name search walks a name index.
DROP INDEX IF EXISTS "students_search_name_trgm_idx";--> statement-breakpoint
INSERT INTO "student_name_words" ("word")
SELECT DISTINCT w FROM "students", unnest(string_to_array("search_name", ' ')) AS w WHERE w <> '';--> statement-breakpoint
-- The words of new names are added: once per statement for inserts (an import writes its new students in one),
-- once per row whose name changed for updates (the WHEN clause keeps every other update free of any call). Words
-- are never removed: a word no student has any more finds nobody. No unique index, so two transactions adding the
-- same new word never wait for each other (the word is then listed twice; the search takes distinct words).
CREATE FUNCTION "student_name_words_add_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "student_name_words" ("word")
  SELECT DISTINCT w FROM added, unnest(string_to_array(added."search_name", ' ')) AS w
  WHERE w <> '' AND NOT EXISTS (SELECT FROM "student_name_words" n WHERE n."word" = w);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "students_name_words_insert" AFTER INSERT ON "students"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "student_name_words_add_inserted"();--> statement-breakpoint
CREATE FUNCTION "student_name_words_add_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "student_name_words" ("word")
  SELECT DISTINCT w FROM unnest(string_to_array(NEW."search_name", ' ')) AS w
  WHERE w <> '' AND NOT EXISTS (SELECT FROM "student_name_words" n WHERE n."word" = w);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "students_name_words_update" AFTER UPDATE OF "search_name" ON "students" FOR EACH ROW
  WHEN (OLD."search_name" IS DISTINCT FROM NEW."search_name")
  EXECUTE FUNCTION "student_name_words_add_updated"();--> statement-breakpoint
-- One round trip for the search: each LIKE pattern's stored words (NULL when a pattern matches none: no student can
-- match); the planner's estimate of how many students have a word of every set (most common elements of
-- students_name_words_idx, the sets taken as independent); and its estimate of the students of the board searched
-- (or of the table), from which the search chooses between the word index and a walk of the name index. Each
-- pattern's statement is planned with its pattern (a prefix uses the btree, a fragment the trigram index).
CREATE FUNCTION "student_name_words_match"("patterns" text[], "board" integer DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  found text[];
  sets jsonb := '[]';
  conditions text := '';
  plan jsonb;
  matches numeric;
  scope numeric;
  total numeric;
BEGIN
  SELECT "reltuples" INTO total FROM "pg_class" WHERE "oid" = '"students"'::regclass;
  FOR i IN 1 .. coalesce(cardinality("patterns"), 0) LOOP
    EXECUTE format('SELECT array_agg(DISTINCT "word" ORDER BY "word") FROM "student_name_words" WHERE "word" LIKE %L',
      "patterns"[i]) INTO found;
    IF found IS NULL THEN
      RETURN jsonb_build_object('words', NULL, 'matches', 0, 'scope', 0, 'students', total);
    END IF;
    sets := sets || jsonb_build_array(to_jsonb(found));
    conditions := conditions || format(' AND string_to_array("search_name", '' '') && %L::text[]', found);
  END LOOP;
  EXECUTE 'EXPLAIN (FORMAT JSON) SELECT FROM "students" WHERE true' || conditions INTO plan;
  matches := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric;
  scope := total;
  IF "board" IS NOT NULL THEN
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT FROM "students" WHERE "board_id" = %s', "board") INTO plan;
    scope := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric;
  END IF;
  RETURN jsonb_build_object('words', sets, 'matches', matches, 'scope', scope, 'students', total);
END
$$;
