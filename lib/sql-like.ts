// LIKE patterns built from what staff type: "%" and "_" (common in email addresses) must match themselves.
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { NameTerm } from "@/lib/student-query";

/** Escapes LIKE wildcards with a backslash, PostgreSQL's default escape character. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** "%value%", wildcards in the value escaped. */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}

/**
 * A typed name word as the LIKE pattern of the stored words it matches (student_name_words, migration 0030): a word
 * of 3+ letters is contained in a word ("%word%"), a word of one or two letters starts one ("word%").
 */
export function wordPattern(term: NameTerm): string {
  return term.match === "contains" ? containsPattern(term.text) : `${escapeLike(term.text)}%`;
}

/** A text[] literal: every element quoted, so no word is read as NULL or split. */
export function textArrayLiteral(words: string[]): string {
  return `{${words.map((word) => `"${word.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/** A word starts the text or follows a space in it (search_name and the typed names are words separated by spaces). */
export function startsAWord(text: SQL | AnyColumn, word: string): SQL {
  return sql`(' ' || ${text}) like ${`% ${escapeLike(word)}%`}`;
}
