// Reason codes of an association attempt: what failed, in which field, and the staff-facing message key.
import { nameDifferenceBlocks, type NameDifferenceKind } from "@/lib/association/name-comparison";
import type { StudentIdentifierProblem } from "@/lib/identifiers";

export const REASON_CODES = [
  "board_unknown",
  "board_not_subscribed",
  "identifier_invalid",
  "student_not_found",
  "birth_date_differs",
  "last_name_differs",
  "first_name_differs",
  "email_not_on_record",
  "already_associated",
  "too_many_attempts",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Fields of the association form, named like the keys of AttemptInput in db/schema.ts. */
export type ReasonField = "board" | "identifier" | "birthDate" | "lastName" | "firstName" | "email";

export type EmailReasonKind = "not_listed" | "none_on_record";
export type StudentNotFoundKind = "fiche" | "codePermanent";
export type ReasonKind = NameDifferenceKind | StudentIdentifierProblem | EmailReasonKind | StudentNotFoundKind;

/**
 * One finding of the diagnosis. `typed` is what the parent entered, `expected` what the record holds: both are
 * for staff eyes only (stored in association_attempts.reasons, never shown to the parent). Assignable to
 * AttemptReason in db/schema.ts; `word` is the word of the record a name difference is about ("Côté").
 */
export type Reason = {
  code: ReasonCode;
  field?: ReasonField;
  kind?: ReasonKind;
  typed?: string;
  expected?: string;
  word?: string;
};

const NAME_CODES: ReadonlySet<string> = new Set<ReasonCode>(["last_name_differs", "first_name_differs"]);

/** Takes plain strings so stored reasons (AttemptReason in db/schema.ts) can be passed as they are. */
type ReasonLike = { code: string; kind?: string };

export function isNameReason(reason: ReasonLike): boolean {
  return NAME_CODES.has(reason.code);
}

/** Whether this finding prevents the association. Name differences block only when their kind does. */
export function reasonBlocks(reason: ReasonLike): boolean {
  if (isNameReason(reason)) return nameDifferenceBlocks((reason.kind ?? "other") as NameDifferenceKind);
  return true;
}

export type StaffMessage = { key: string; values: { typed: string; expected: string; word: string } };

const KEYED_BY_KIND: ReadonlySet<ReasonCode> = new Set([
  "identifier_invalid",
  "student_not_found",
  "last_name_differs",
  "first_name_differs",
  "email_not_on_record",
]);

/**
 * Catalog key (in the "association" namespace) and ICU values describing a finding to staff, e.g.
 * { key: "reasons.last_name_differs.accents", values: { typed: "Cote", expected: "Côté", word: "Côté" } }.
 * Accepts stored reasons (AttemptReason), whose code and kind are plain strings.
 */
export function staffMessageFor(
  reason: ReasonLike & { typed?: string; expected?: string; word?: string },
): StaffMessage {
  const values = { typed: reason.typed ?? "", expected: reason.expected ?? "", word: reason.word ?? "" };
  const code = (REASON_CODES as readonly string[]).includes(reason.code) ? (reason.code as ReasonCode) : null;
  if (code === null) return { key: "reasons.unknown", values };
  if (!KEYED_BY_KIND.has(code)) return { key: `reasons.${code}`, values };
  return { key: `reasons.${code}.${reason.kind ?? defaultKind(code)}`, values };
}

function defaultKind(code: ReasonCode): string {
  if (code === "email_not_on_record") return "not_listed";
  if (code === "student_not_found") return "fiche";
  if (code === "identifier_invalid") return "empty";
  return "other";
}
