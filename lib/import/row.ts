// One data row of an import file → a student record ready to stage, or the reason it is left out.
import type { ColumnPositions } from "@/lib/import/header";
import { IMPORT_COLUMNS, type ImportColumn } from "@/lib/import/columns";
import type { RejectionReason } from "@/lib/import/report";
import { normalizeCodePermanent, normalizeFiche } from "@/lib/identifiers";
import { parseBirthDate } from "@/lib/birth-date";
import { emailSchema } from "@/lib/validations/auth";
import { normalizeEmail } from "@/lib/email-address";
import { foldForSearch } from "@/lib/names";

/** Longest accepted value of any cell; longer is an export mistake (or garbage), reported as too_long. */
export const MAX_FIELD_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;
export const MAX_GRADE_LENGTH = 50;
/** Shown values are cut to this length in reports. */
const SHOWN_VALUE_LENGTH = 80;

export type StagedStudent = {
  boardId: number;
  schoolId: number;
  fiche: string;
  codePermanent: string | null;
  lastName: string;
  firstName: string;
  birthDate: string;
  grade: string | null;
  searchName: string;
  email1: string | null;
  email2: string | null;
};

export type Rejection = { reason: RejectionReason; column?: ImportColumn; value?: string };

/** What names a student within the import: the board and the fiche. */
export type StudentIdentity = { boardId: number; fiche: string };

export type RowResult =
  | { ok: true; student: StagedStudent }
  /** `identity` is set when the line still names a student of the board: that student is then not archived. */
  | { ok: false; rejection: Rejection; identity?: StudentIdentity };

/** Codes compared the way spreadsheets mangle them: case and leading zeros ("001" saved by Excel as "1"). */
export function normalizeCode(raw: string): string {
  const value = raw.trim().toUpperCase();
  return /^\d+$/.test(value) ? value.replace(/^0+(?=\d)/, "") : value;
}

export function schoolKey(boardId: number, schoolCode: string): string {
  return `${boardId}/${normalizeCode(schoolCode)}`;
}

export type RowContext = {
  positions: ColumnPositions;
  fieldCount: number;
  /** normalizeCode(board code) → board id. */
  boards: ReadonlyMap<string, number>;
  /** schoolKey(board id, school code) → school id. */
  schools: ReadonlyMap<string, number>;
  /** The board being imported; null when every board the file names is (platform admins). */
  onlyBoardId: number | null;
  /** Today in America/Toronto ("YYYY-MM-DD"), for birth-date plausibility. */
  today: string;
};

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const UNREADABLE = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function shown(value: string): string {
  return value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH)}…` : value;
}

/** Names as stored: NFC (a Mac export may be decomposed), trimmed, single spaces. */
export function cleanName(raw: string): string {
  const trimmed = raw.normalize("NFC").trim();
  return /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, " ") : trimmed;
}

function rejected(reason: RejectionReason, column?: ImportColumn, value?: string, identity?: StudentIdentity): RowResult {
  return { ok: false, rejection: { reason, column, value: value === undefined ? undefined : shown(value) }, identity };
}

function email(raw: string): { ok: true; email: string | null } | { ok: false } {
  if (raw.trim() === "") return { ok: true, email: null };
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? { ok: true, email: normalizeEmail(parsed.data) } : { ok: false };
}

/** The student a row names, when its board and fiche can be read (so a rejected line still protects its student). */
function identityOf(fields: readonly string[], context: RowContext): StudentIdentity | undefined {
  const boardId = context.boards.get(normalizeCode(fields[context.positions.organisme] ?? ""));
  if (boardId === undefined || (context.onlyBoardId !== null && boardId !== context.onlyBoardId)) return undefined;
  const fiche = normalizeFiche(fields[context.positions.fiche] ?? "");
  return fiche === null ? undefined : { boardId, fiche };
}

/** Checks one row; pure, so every rule here is unit-tested without a database. */
export function validateRow(fields: readonly string[], context: RowContext): RowResult {
  if (fields.length < context.fieldCount) return rejected("bad_row");
  for (let i = context.fieldCount; i < fields.length; i++) {
    if (fields[i]!.trim() !== "") return rejected("bad_row", undefined, undefined, identityOf(fields, context));
  }
  const p = context.positions;
  const cell = (column: ImportColumn) => fields[p[column]]!;

  for (const column of IMPORT_COLUMNS) {
    const value = fields[p[column]]!;
    if (value.length > MAX_FIELD_LENGTH) return rejected("too_long", column, value, identityOf(fields, context));
    if (UNREADABLE.test(value)) return rejected("bad_encoding", column, value, identityOf(fields, context));
  }

  const boardCode = cell("organisme");
  const schoolCode = cell("ecole");
  const rawFiche = cell("fiche");
  const lastName = cleanName(cell("nom"));
  const firstName = cleanName(cell("prenom"));
  const rawBirthDate = cell("date_naissance").trim();
  const missing =
    boardCode.trim() === "" ? "organisme"
    : schoolCode.trim() === "" ? "ecole"
    : rawFiche.trim() === "" ? "fiche"
    : lastName === "" ? "nom"
    : firstName === "" ? "prenom"
    : rawBirthDate === "" ? "date_naissance"
    : null;
  if (missing !== null) return rejected("missing_field", missing, undefined, identityOf(fields, context));

  const boardId = context.boards.get(normalizeCode(boardCode));
  if (boardId === undefined) return rejected("unknown_board", "organisme", boardCode);
  if (context.onlyBoardId !== null && boardId !== context.onlyBoardId) return rejected("other_board", "organisme", boardCode);

  const fiche = normalizeFiche(rawFiche);
  if (fiche === null) return rejected("bad_fiche", "fiche", rawFiche);
  const identity = { boardId, fiche };

  const schoolId = context.schools.get(schoolKey(boardId, schoolCode));
  if (schoolId === undefined) return rejected("unknown_school", "ecole", schoolCode, identity);

  const rawCode = cell("code_permanent");
  const codePermanent = rawCode.trim() === "" ? null : normalizeCodePermanent(rawCode);
  if (codePermanent === null && rawCode.trim() !== "") return rejected("bad_code_permanent", "code_permanent", rawCode, identity);

  if (lastName.length > MAX_NAME_LENGTH) return rejected("too_long", "nom", lastName, identity);
  if (firstName.length > MAX_NAME_LENGTH) return rejected("too_long", "prenom", firstName, identity);
  const grade = cleanName(cell("niveau"));
  if (grade.length > MAX_GRADE_LENGTH) return rejected("too_long", "niveau", grade, identity);

  const dateParts = ISO_DATE.exec(rawBirthDate);
  const birthDate = dateParts ? parseBirthDate(dateParts[3], dateParts[2], dateParts[1], context.today) : null;
  if (!birthDate?.ok) return rejected("bad_date", "date_naissance", rawBirthDate, identity);

  const first = email(cell("courriel_1"));
  if (!first.ok) return rejected("bad_email", "courriel_1", cell("courriel_1"), identity);
  const second = email(cell("courriel_2"));
  if (!second.ok) return rejected("bad_email", "courriel_2", cell("courriel_2"), identity);
  // Keep the répondants in order, without an empty first slot or the same address twice.
  const emails = [first.email, second.email].filter((e, i, all): e is string => e !== null && all.indexOf(e) === i);

  return {
    ok: true,
    student: {
      boardId,
      schoolId,
      fiche,
      codePermanent,
      lastName,
      firstName,
      birthDate: birthDate.isoDate,
      grade: grade === "" ? null : grade,
      searchName: foldForSearch(`${lastName} ${firstName}`),
      email1: emails[0] ?? null,
      email2: emails[1] ?? null,
    },
  };
}
