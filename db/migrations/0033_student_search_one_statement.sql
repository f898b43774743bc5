-- A statement that calls a PARALLEL UNSAFE function is planned without parallel workers (the planner checks the
-- whole statement for such functions before anything else). This one is always true and IMMUTABLE, so the planner
-- folds the call away: the staff student search (db/queries/student-search.ts) adds it to its statement instead of
-- running it in a transaction that sets max_parallel_workers_per_gather to 0, which cost three round trips more
-- (BEGIN, the setting, COMMIT). On a small host starting workers costs more than they save on these index walks.
CREATE FUNCTION "planned_without_workers"() RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL UNSAFE AS $$ SELECT true $$;
--> statement-breakpoint
-- The rows of a search page, by id, in the order of `ids` (position: 1, 2, …), with their school, board, guardian
-- emails and active associations: what the results table shows. The search reads them in the statement that finds
-- the page's ids; in this function the query is planned once per connection (PL/pgSQL keeps its plan), where in
-- the search's own statement it would be planned again on every search (a quarter of a millisecond). Its plan is
-- the same for any page (the students' primary key, then each row's school, board, emails and associations), so
-- it is always the generic one: PostgreSQL would otherwise plan it again for each call whose ids are cheaper.
CREATE FUNCTION "student_search_page"("ids" integer[])
RETURNS TABLE ("position" integer, "id" integer, "fiche" text, "codePermanent" text, "lastName" text,
  "firstName" text, "birthDate" text, "grade" text, "archived" boolean, "schoolId" integer, "schoolName" text,
  "boardName" text, "guardianEmails" text[], "associatedAccounts" integer)
LANGUAGE plpgsql STABLE SET "plan_cache_mode" = 'force_generic_plan' AS $$
#variable_conflict use_column
BEGIN
  IF cardinality("ids") = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT array_position("ids", s."id"), s."id", s."fiche", s."code_permanent", s."last_name", s."first_name",
    s."birth_date"::text, s."grade", s."archived_at" IS NOT NULL, s."school_id", sc."name", b."name",
    array(SELECT g."email" FROM "guardian_emails" g WHERE g."student_id" = s."id" ORDER BY g."position", g."id"),
    (SELECT count(*)::integer FROM "associations" a WHERE a."student_id" = s."id" AND a."revoked_at" IS NULL)
  FROM "students" s
  JOIN "schools" sc ON sc."id" = s."school_id"
  JOIN "school_boards" b ON b."id" = s."board_id"
  WHERE s."id" = ANY ("ids");
END
$$;
