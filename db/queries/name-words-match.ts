// The stored name words (student_name_words) that typed name words match, with the planner's estimates, in one call
// of student_name_words_match (migration 0030), for the student search (which way finds a name's matches). The
// attempts screen called it too until its province-wide search read the attempts' search_names (migration 0034).
import { sql } from "drizzle-orm";
import { readPrepared } from "@/db/read-then-write";
import { textArrayLiteral, wordPattern } from "@/lib/sql-like";
import type { NameTerm } from "@/lib/student-query";

export type NameWordsMatch = {
  /** Per term, in order, the stored words it matches (wordPattern); null when one term matches none. */
  words: string[][] | null;
  /** The planner's estimate of the students having a word of every set. */
  matches: number;
  /** Its estimate of the students of the board (of the table without one). */
  scope: number;
  /** The table's size as last analyzed (-1 before the first ANALYZE). */
  students: number;
};

/**
 * One prepared statement, one round trip (readPrepared). It runs on a connection of its own, outside any
 * transaction the caller may have open (on PGlite, a plain query that would wait for that transaction to end): call
 * it before opening one, as the student search does.
 */
export async function nameWordsMatch(terms: NameTerm[], boardId: number | null = null): Promise<NameWordsMatch> {
  const [row] = await readPrepared<{ match: NameWordsMatch }>(
    sql`select student_name_words_match(${textArrayLiteral(terms.map(wordPattern))}::text[], ${boardId}::integer) as match`,
  );
  return row!.match;
}
