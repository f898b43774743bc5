-- The names parents typed, by board: a GIN index on (array[board_id], typed names' trigrams). A board's or a
-- secretary's search by name gives both (db/queries/attempts.ts, typedInBoards), and the index intersects the
-- board's posting list with the trigrams' instead of collecting the province's matches first (a common family name:
-- 14,000 attempts, then narrowed to a board's 400); the province's searches read the trigram column alone, as they
-- read the index it replaces.
CREATE INDEX "association_attempts_board_typed_names_idx" ON "association_attempts" USING gin ((array["board_id"]),translate(lower(coalesce("typed"->>'lastName', '') || ' ' || coalesce("typed"->>'firstName', '')), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ''’-', 'aaaaaaceeeeiiiinooooouuuuyy   ') gin_trgm_ops);--> statement-breakpoint
DROP INDEX "association_attempts_typed_names_trgm_idx";
