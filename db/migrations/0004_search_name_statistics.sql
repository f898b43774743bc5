-- The planner estimates how many names a LIKE '%word%' matches from search_name's histogram; with the default 100
-- buckets a word found in 1 % of 1.5 M names can be estimated at 150 rows, and the search then reads 17,000 rows
-- instead of walking the name index for the first page. 1,000 buckets keep those estimates close (bench/search.ts).
ALTER TABLE "students" ALTER COLUMN "search_name" SET STATISTICS 1000;
