// The student record import file: its columns, in order, and how one row is written (shared with bench/generate).

/**
 * One row per student. Names are the header GPI-style exports use in French; the order is fixed.
 * organisme: board code (school_boards.code) · ecole: school code within the board (schools.code) ·
 * fiche: numéro de fiche · code_permanent: 12 characters, or 10 when not completed · nom, prenom: as on the record ·
 * date_naissance: YYYY-MM-DD · niveau: grade label, free text, may be empty · courriel_1, courriel_2: répondants'
 * emails, courriel_2 (or both) may be empty.
 */
export const IMPORT_COLUMNS = [
  "organisme",
  "ecole",
  "fiche",
  "code_permanent",
  "nom",
  "prenom",
  "date_naissance",
  "niveau",
  "courriel_1",
  "courriel_2",
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns a row must fill; code_permanent, niveau and the emails may be empty. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["organisme", "ecole", "fiche", "nom", "prenom", "date_naissance"];

/** Delimiters accepted: "," and ";" (Excel in a French-Canadian locale writes ";"). */
export const IMPORT_DELIMITERS = [",", ";"] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

/** The values of one row, keyed by column. */
export type ImportRowValues = Record<ImportColumn, string>;

function csvField(value: string, delimiter: ImportDelimiter): string {
  return value.includes(delimiter) || value.includes('"') || value.includes("\n") || value.includes("\r")
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/** The header line, without line ending. */
export function importHeaderLine(delimiter: ImportDelimiter = ","): string {
  return IMPORT_COLUMNS.join(delimiter);
}

/** One data line, without line ending; fields that need it are quoted ("O'Neil, ""Jr""" style). */
export function importCsvLine(values: ImportRowValues, delimiter: ImportDelimiter = ","): string {
  return IMPORT_COLUMNS.map((column) => csvField(values[column] ?? "", delimiter)).join(delimiter);
}

/** A generated or exported student as import values (emails beyond the second are dropped: the format has two). */
export function importValuesOf(student: {
  boardCode: string;
  schoolCode: string;
  fiche: string;
  codePermanent: string | null;
  lastName: string;
  firstName: string;
  birthDate: string;
  grade: string | null;
  guardianEmails: readonly string[];
}): ImportRowValues {
  return {
    organisme: student.boardCode,
    ecole: student.schoolCode,
    fiche: student.fiche,
    code_permanent: student.codePermanent ?? "",
    nom: student.lastName,
    prenom: student.firstName,
    date_naissance: student.birthDate,
    niveau: student.grade ?? "",
    courriel_1: student.guardianEmails[0] ?? "",
    courriel_2: student.guardianEmails[1] ?? "",
  };
}
