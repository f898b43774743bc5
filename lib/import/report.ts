// What an import run reports: reasons a line is rejected, reasons a whole file is refused, counts and samples.
import type { ImportColumn } from "@/lib/import/columns";

/** Why one line is left out; the other lines still count. */
export const REJECTION_REASONS = [
  "bad_row",
  "bad_encoding",
  "missing_field",
  "too_long",
  "bad_fiche",
  "bad_code_permanent",
  "bad_date",
  "bad_email",
  "unknown_board",
  "other_board",
  "unknown_school",
  "duplicate_fiche",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Why the whole file is refused: nothing of it is kept. */
export const FILE_FAILURES = [
  "bad_header",
  "empty_file",
  "unreadable_file",
  "too_many_unreadable_lines",
  "no_valid_rows",
  "incomplete_upload",
  "lease_expired",
  "read_error",
] as const;
export type FileFailure = (typeof FILE_FAILURES)[number];

export type RejectedLine = {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  reason: RejectionReason;
  column?: ImportColumn;
  /** The offending value, cut short; shown to the staff member so they can fix the export. */
  value?: string;
};

export type HeaderProblem = { missing: string[]; unexpected: string[]; duplicated: string[] };

/** A file failure with what the staff member needs to fix it. */
export type FailureReport = { failure: FileFailure; line?: number; header?: HeaderProblem };

export type ReadCounts = {
  /** Data lines read (records after the header). */
  lines: number;
  valid: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectionReason, number>>;
};

export type DiffCounts = {
  newStudents: number;
  /** Existing students whose school, names, birth date, grade or code permanent change. */
  changedStudents: number;
  /** Archived students the file brings back. */
  restoredStudents: number;
  /** Existing students whose set of guardian emails changes. */
  guardianEmailChanges: number;
  /** Active students of the board that the file no longer lists: archived on apply, never deleted. */
  disappeared: number;
  unchanged: number;
};

export type ImportCounts = ReadCounts & DiffCounts;

export type StudentSample = { fiche: string; lastName: string; firstName: string; schoolCode: string; boardCode: string };
export type ChangedStudentSample = StudentSample & { fields: string[] };
export type GuardianEmailChangeSample = StudentSample & { before: string[]; after: string[] };

export type ChangesSample = {
  newStudents: StudentSample[];
  changedStudents: ChangedStudentSample[];
  guardianEmails: GuardianEmailChangeSample[];
  disappeared: StudentSample[];
};

export const EMPTY_CHANGES_SAMPLE: ChangesSample = { newStudents: [], changedStudents: [], guardianEmails: [], disappeared: [] };
