// The association matching rule: does what the parent typed designate a student record of theirs, and if not, why.
//
// The rule, in order (each step only if the previous ones passed):
// 1. Fewer than `maxAttempts` recent failed attempts, otherwise too_many_attempts and nothing else is evaluated,
//    so a locked-out parent learns nothing more.
// 2. The board exists (board_unknown) and is subscribed to the portal (board_not_subscribed).
// 3. The identifier is a fiche (digits only; a leading "e" and leading zeros tolerated; at most 7 digits) or a code
//    permanent (case and spaces ignored; 12 characters, or 10 when incomplete), otherwise identifier_invalid.
// 4. A record of that board carries this fiche or code permanent, otherwise student_not_found.
// 5. Field by field, all reported together: the birth date is equal (birth_date_differs); last and first names
//    are equal after normalisation, with accents, hyphen vs space, apostrophes and family-name order tolerated but
//    noted (last_name_differs / first_name_differs with the kind, see name-comparison.ts); the account's verified
//    email is one of the guardian emails on the record, case and spaces ignored (email_not_on_record); the student
//    is not already associated with this account (already_associated).
// The association succeeds when no finding blocks; tolerated findings are returned as notes for staff.
import { compareNames } from "@/lib/association/name-comparison";
import { reasonBlocks, type Reason } from "@/lib/association/reasons";
import { normalizeEmail } from "@/lib/email-address";
import {
  normalizeCodePermanent,
  normalizeFiche,
  parseStudentIdentifier,
  type StudentIdentifier,
} from "@/lib/identifiers";

/** What the parent submitted. `birthDate` is already a valid ISO date (see parseBirthDate in lib/birth-date.ts). */
export type AssociationInput = {
  boardId: number;
  lastName: string;
  firstName: string;
  birthDate: string;
  /** Fiche or code permanent, exactly as typed. */
  identifier: string;
  /** The signed-in account's verified email. */
  accountEmail: string;
};

export type StudentRecord = {
  id: number;
  fiche: string;
  codePermanent: string | null;
  lastName: string;
  firstName: string;
  /** ISO date, "YYYY-MM-DD". */
  birthDate: string;
  guardianEmails: string[];
};

/** What the caller read from the database for this attempt. */
export type AssociationContext = {
  board: { id: number; subscribed: boolean } | null;
  /** Records of that board carrying the typed fiche or code permanent (see parseStudentIdentifier). */
  candidates: StudentRecord[];
  /** Students already associated (not revoked) with this account. */
  alreadyAssociatedStudentIds: readonly number[];
  /** Failed attempts of this account within the counting window, not counting this one. */
  recentFailedAttempts: number;
  maxAttempts: number;
};

export type AssociationSuccess = { ok: true; studentId: number; notes: Reason[] };
/** `reasons` holds every finding, tolerated ones included; `candidateStudentId` is the record compared, if any. */
export type AssociationFailure = { ok: false; reasons: Reason[]; candidateStudentId: number | null };
export type AssociationResult = AssociationSuccess | AssociationFailure;

function failure(reasons: Reason[], candidateStudentId: number | null = null): AssociationFailure {
  return { ok: false, reasons, candidateStudentId };
}

/** Whether a record carries the identifier the parent typed. Records store normalised values; this tolerates others. */
export function identifierMatches(
  identifier: StudentIdentifier,
  record: Pick<StudentRecord, "fiche" | "codePermanent">,
): boolean {
  if (identifier.kind === "fiche") return normalizeFiche(record.fiche) === identifier.fiche;
  if (identifier.kind === "codePermanent") {
    return record.codePermanent !== null && normalizeCodePermanent(record.codePermanent) === identifier.codePermanent;
  }
  return false;
}

function nameReasons(field: "lastName" | "firstName", typed: string, expected: string): Reason[] {
  const code = field === "lastName" ? "last_name_differs" : "first_name_differs";
  const comparison = compareNames(typed, expected);
  return comparison.differences
    .filter((difference) => difference.kind !== "case_or_spacing")
    .map((difference) => ({
      code,
      field,
      kind: difference.kind,
      typed,
      expected,
      ...(difference.word === undefined ? {} : { word: difference.word }),
    }));
}

function emailReasons(accountEmail: string, guardianEmails: string[]): Reason[] {
  const onRecord = guardianEmails.map(normalizeEmail).filter((email) => email !== "");
  if (onRecord.includes(normalizeEmail(accountEmail))) return [];
  return [
    {
      code: "email_not_on_record",
      field: "email",
      kind: onRecord.length === 0 ? "none_on_record" : "not_listed",
      typed: accountEmail,
      expected: onRecord.join(", "),
    },
  ];
}

/** Every finding for one record, in form order. */
export function compareWithRecord(
  input: AssociationInput,
  record: StudentRecord,
  alreadyAssociatedStudentIds: readonly number[] = [],
): Reason[] {
  const reasons: Reason[] = [];
  if (input.birthDate !== record.birthDate) {
    const birthDate = { typed: input.birthDate, expected: record.birthDate };
    reasons.push({ code: "birth_date_differs", field: "birthDate", ...birthDate });
  }
  reasons.push(...nameReasons("lastName", input.lastName, record.lastName));
  reasons.push(...nameReasons("firstName", input.firstName, record.firstName));
  reasons.push(...emailReasons(input.accountEmail, record.guardianEmails));
  if (alreadyAssociatedStudentIds.includes(record.id)) reasons.push({ code: "already_associated" });
  return reasons;
}

export function diagnoseAssociation(input: AssociationInput, context: AssociationContext): AssociationResult {
  if (context.recentFailedAttempts >= context.maxAttempts) return failure([{ code: "too_many_attempts" }]);

  const board = context.board;
  const typedBoard = { field: "board", typed: String(input.boardId) } as const;
  if (board === null || board.id !== input.boardId) return failure([{ code: "board_unknown", ...typedBoard }]);
  if (!board.subscribed) return failure([{ code: "board_not_subscribed", ...typedBoard }]);

  const identifier = parseStudentIdentifier(input.identifier);
  const typedIdentifier = { field: "identifier", typed: input.identifier } as const;
  if (identifier.kind === "invalid") {
    return failure([{ code: "identifier_invalid", kind: identifier.reason, ...typedIdentifier }]);
  }

  const candidates = context.candidates.filter((record) => identifierMatches(identifier, record));
  if (candidates.length === 0) {
    return failure([{ code: "student_not_found", kind: identifier.kind, ...typedIdentifier }]);
  }

  // A code permanent is not unique in the schema: keep the record that explains the attempt best.
  const [best] = candidates
    .map((record) => {
      const reasons = compareWithRecord(input, record, context.alreadyAssociatedStudentIds);
      return { record, reasons, blocking: reasons.filter(reasonBlocks).length };
    })
    .sort((a, b) => a.blocking - b.blocking);

  if (best.blocking === 0) return { ok: true, studentId: best.record.id, notes: best.reasons };
  return failure(best.reasons, best.record.id);
}
