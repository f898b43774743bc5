// What a staff member typed in the student search box: a fiche, a code permanent, a parent email, or name words.
import { normalizeEmail } from "@/lib/email-address";
import { parseStudentIdentifier } from "@/lib/identifiers";
import { foldForSearch } from "@/lib/names";

/**
 * How one folded word must appear in students.search_name. "contains": anywhere (3 characters or more, so the
 * trigram index can serve it). "wordStart": at the start of a word — one or two letters are too common to mean
 * anything elsewhere ("marie t" = a Marie whose other name starts with t).
 */
export type NameTerm = { text: string; match: "contains" | "wordStart" };

export type StudentQuery =
  | { kind: "all" }
  /** Nothing can match (e.g. only punctuation or single letters): no query is run. */
  | { kind: "unmatchable"; reason: "tooShort" | "invalid" }
  | { kind: "fiche"; fiche: string }
  /** 12 characters: that code. 10 characters: also the completed codes that start with it. */
  | { kind: "codePermanent"; codePermanent: string }
  | { kind: "email"; email: string }
  | { kind: "name"; terms: NameTerm[] };

/** Beyond this, extra words add cost and no precision. */
export const MAX_NAME_TERMS = 6;
const MAX_EMAIL_LENGTH = 254;

export function classifyStudentQuery(raw: string): StudentQuery {
  const query = raw.trim();
  if (query === "") return { kind: "all" };

  if (query.includes("@")) {
    const email = normalizeEmail(query);
    return email.length <= MAX_EMAIL_LENGTH && !/\s/.test(email) ? { kind: "email", email } : { kind: "unmatchable", reason: "invalid" };
  }

  const identifier = parseStudentIdentifier(query);
  if (identifier.kind === "fiche") return identifier;
  if (identifier.kind === "codePermanent") return identifier;
  // Digits alone that are no fiche (too many) cannot be a name either.
  if (identifier.kind === "invalid" && identifier.reason === "fiche_too_long") return { kind: "unmatchable", reason: "invalid" };

  return classifyNameQuery(query);
}

/** Letters the trigram index sees the same way on every server (PGlite's C locale knows only ASCII ones). */
const indexable = (word: string) => word.replace(/[^a-z0-9]/g, "").length;

/**
 * Name words as typed, read by the same rule wherever staff search by a name (the student search and the attempts
 * screen): folded as `students.search_name` is, each word of 3+ letters to be contained in a word of the name, a
 * word of one or two letters to start one; "tooShort" when no word has two letters the index sees.
 */
export function classifyNameQuery(raw: string): Extract<StudentQuery, { kind: "name" | "unmatchable" }> {
  return nameQuery(foldForSearch(raw));
}

function nameQuery(folded: string): Extract<StudentQuery, { kind: "name" | "unmatchable" }> {
  // Only letters and digits: punctuation yields no trigram, and a pattern without one makes the index read everything.
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const terms = [...new Set(words)].map(
    (text): NameTerm => ({ text, match: indexable(text) >= 3 ? "contains" : "wordStart" }),
  );
  // A contained word inside another adds nothing ("marie marie-eve"); the longest words are the most selective.
  const kept = terms
    .filter(
      (term) =>
        term.match === "wordStart" ||
        !terms.some((other) => other.match === "contains" && other.text !== term.text && other.text.includes(term.text)),
    )
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, MAX_NAME_TERMS);
  if (!kept.some((term) => indexable(term.text) >= 2)) return { kind: "unmatchable", reason: "tooShort" };
  return { kind: "name", terms: kept };
}
