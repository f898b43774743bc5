// What the parent is told after an attempt: catalog keys only, never anything read from the student's record.
//
// Decision: every mismatch with a record (student not found, birth date, names, guardian email) gets the same
// "errors.noMatch" message with a checklist of what to verify (the account email included, since it is shown on
// the form for every parent) and the NIP suggestion; saying which field differs would let anyone probe a record.
// Separate messages only where they reveal nothing about a record: the board list (public), the shape of the
// identifier (about the input), a child already associated with the parent's own account, the attempt limit.
import type { AssociationResult } from "@/lib/association/diagnose";
import { reasonBlocks } from "@/lib/association/reasons";
import type { BirthDateProblem } from "@/lib/birth-date";
import type { StudentIdentifierProblem } from "@/lib/identifiers";

/** Keys in the "association" namespace. */
export const ASSOCIATION_NAMESPACE = "association";

export type IdentifierMessageKey =
  | "errors.identifierInvalid.empty"
  | "errors.identifierInvalid.ficheHasLetters"
  | "errors.identifierInvalid.ficheTooLong"
  | "errors.identifierInvalid.codePermanentShape";

export type BirthDateMessageKey =
  | "errors.birthDateIncomplete"
  | "errors.yearDigits"
  | "errors.impossibleDate"
  | "errors.futureDate"
  | "errors.tooOld";

export type ParentMessageKey =
  | "errors.noMatch"
  | "errors.boardUnknown"
  | "errors.boardNotSubscribed"
  | "errors.alreadyAssociated"
  | "errors.tooManyAttempts"
  | IdentifierMessageKey;

/** The checklist shown under errors.noMatch; `email` takes the account's own address as {email}. */
export const NO_MATCH_CHECKLIST_KEYS = [
  "noMatchChecklist.names",
  "noMatchChecklist.birthDate",
  "noMatchChecklist.identifier",
  "noMatchChecklist.email",
  "noMatchChecklist.nip",
] as const;

/** Same message for an unknown, expired, used or revoked NIP: the parent cannot tell them apart. */
export const NIP_INVALID_MESSAGE_KEY = "errors.nipInvalid";

const IDENTIFIER_KEYS: Record<StudentIdentifierProblem, IdentifierMessageKey> = {
  empty: "errors.identifierInvalid.empty",
  fiche_has_letters: "errors.identifierInvalid.ficheHasLetters",
  fiche_too_long: "errors.identifierInvalid.ficheTooLong",
  code_permanent_shape: "errors.identifierInvalid.codePermanentShape",
};

const BIRTH_DATE_KEYS: Record<BirthDateProblem, BirthDateMessageKey> = {
  incomplete: "errors.birthDateIncomplete",
  year_digits: "errors.yearDigits",
  impossible_date: "errors.impossibleDate",
  future_date: "errors.futureDate",
  too_old: "errors.tooOld",
};

export function identifierMessageKey(problem: StudentIdentifierProblem): IdentifierMessageKey {
  return IDENTIFIER_KEYS[problem];
}

export function birthDateMessageKey(problem: BirthDateProblem): BirthDateMessageKey {
  return BIRTH_DATE_KEYS[problem];
}

/** Null on success. */
export function parentMessageFor(result: AssociationResult): ParentMessageKey | null {
  if (result.ok) return null;
  const blocking = result.reasons.filter(reasonBlocks);
  const find = (code: string) => blocking.find((reason) => reason.code === code);

  if (find("too_many_attempts")) return "errors.tooManyAttempts";
  if (find("board_unknown")) return "errors.boardUnknown";
  if (find("board_not_subscribed")) return "errors.boardNotSubscribed";
  const invalid = find("identifier_invalid");
  if (invalid) return identifierMessageKey((invalid.kind ?? "empty") as StudentIdentifierProblem);
  if (find("already_associated")) return "errors.alreadyAssociated";
  return "errors.noMatch";
}
