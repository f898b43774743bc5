// The attempts screen searched by name (db/queries/attempts.ts, nameCondition): whatever the index path (the scope's
// records by name, the typed names' trigrams within the scope's boards, or, province-wide, the attempts' search_names
// through their trigrams or the newest refusals walked), the matches must be exactly the attempts of the
// scope each of whose words, read as the student search reads them (classifyNameQuery: a word of 3+ letters
// anywhere, a word of one or two letters at the start of a word), is in the record's name or in the names the parent
// typed. The oracle below reads every attempt and applies that rule in JavaScript.
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { searchAttemptsForStaff } from "@/db/queries/attempts";
import { associationAttempts, schools as schoolsTable, students, type School, type Student } from "@/db/schema";
import { typedNamesKey } from "@/db/typed-identifier";
import type { StaffScope } from "@/lib/auth/scope";
import { classifyNameQuery, type NameTerm } from "@/lib/student-query";
import { createParent } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { recordTestAttempt } from "@/tests/helpers/staff-fixtures";

let boardA: number, boardB: number;
let a1: School, a2: School, b1: School;
/** The refused attempt typed as on the record, by the record's last name; the not-found attempts by the typed one. */
const typedAsRecord = new Map<string, string>();
const notFoundTyped = new Map<string, string>();

/** Every attempt with its record, read once (the tests only read): the oracle filters these in JavaScript. */
let everyAttempt: Promise<{ rows: AttemptRow[]; schoolBoards: Map<number, number> }> | undefined;
type AttemptRow = Awaited<ReturnType<typeof readEveryAttempt>>[number];

function readEveryAttempt() {
  return db
    .select({
      id: associationAttempts.id,
      createdAt: associationAttempts.createdAt,
      boardId: associationAttempts.boardId,
      outcome: associationAttempts.outcome,
      studentId: students.id,
      studentBoard: students.boardId,
      studentSchool: students.schoolId,
      searchName: students.searchName,
      typedKey: sql<string>`${typedNamesKey(associationAttempts.typed)}`,
    })
    .from(associationAttempts)
    .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId));
}

async function oracle(scope: StaffScope, query: string, outcome: "failed" | "all"): Promise<string[]> {
  everyAttempt ??= (async () => ({
    rows: await readEveryAttempt(),
    schoolBoards: new Map((await db.select().from(schoolsTable)).map((s) => [s.id, s.boardId])),
  }))();
  const { rows, schoolBoards } = await everyAttempt;
  const name = classifyNameQuery(query);
  if (name.kind === "unmatchable") return [];
  // search_name and the typed names are words separated by spaces (the typed names' by one or more).
  const has = (text: string, term: NameTerm) =>
    term.match === "contains" ? text.includes(term.text) : text.split(" ").some((word) => word.startsWith(term.text));
  const inScope = (r: AttemptRow) => {
    if (scope.kind === "all") return true;
    if (scope.kind === "board") return r.boardId === scope.boardId && (r.studentId === null || r.studentBoard === scope.boardId);
    const boards = new Set(scope.schoolIds.map((id) => schoolBoards.get(id)));
    return r.boardId !== null && boards.has(r.boardId) && r.studentId !== null && scope.schoolIds.includes(r.studentSchool!);
  };
  return rows
    .filter((r) => inScope(r) && (outcome === "all" || r.outcome === "refused"))
    .filter((r) => name.terms.every((term) => has(r.searchName ?? "", term) || has(r.typedKey, term)))
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0))
    .map((r) => r.id);
}

beforeAll(async () => {
  const boards = [await createBoard(), await createBoard()];
  [boardA, boardB] = boards.map((b) => b.id) as [number, number];
  a1 = await createSchool(boards[0]!);
  a2 = await createSchool(boards[0]!);
  b1 = await createSchool(boards[1]!);
  const names: [School, string, string][] = [
    [a1, "Ng", "Thi Lan"],
    [a1, "Bélanger", "Zoé"],
    [a1, "Ducharme", "Li"],
    [a2, "Tremblay-Ng", "Émile"],
    [a2, "Langlois", "Lu Na"],
    [a2, "Côté", "Léa-Rose"],
    [b1, "Ng", "Anh"],
    [b1, "Ducharme", "Olivier"],
    [b1, "Li", "Wei"],
    // "ng" inside a word only; words after an apostrophe or a hyphen; accents.
    [a1, "Langevin", "Marc"],
    [a2, "D'Amour", "Éloïse"],
    [b1, "Nguyen-Lalonde", "Ana"],
    [b1, "Boulanger", "Ève-Marie"],
  ];
  const records: Student[] = [];
  for (const [school, lastName, firstName] of names) records.push(await createStudent(school, { lastName, firstName }));
  const parent = await createParent("par.nom@exemple.ca");
  // Typed as on the record, mistyped (another name), and attempts that found no student.
  const typed = (lastName: string, firstName: string) => ({ lastName, firstName, birthDate: "2015-03-14", identifier: "1234567" });
  const refused = [{ code: "birth_date_differs", field: "birthDate", kind: "typo" }];
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 9, 1, 12, minute++));
  for (const [i, record] of records.entries()) {
    const base = { parentAccountId: (parent).id, boardId: record.boardId, candidateStudentId: record.id };
    const asRecord = await recordTestAttempt({ ...base, typed: typed(record.lastName, record.firstName), reasons: refused, createdAt: at() });
    typedAsRecord.set(`${record.lastName} ${record.firstName}`, asRecord.id);
    const [lastName, firstName] = [["Dupont", "Al"], ["Nguyen", "Al"], ["Roy", "Al"], ["O'Neil", "Lang"], ["Élie", "N'Guessan"]][i % 5]!;
    await recordTestAttempt({ ...base, typed: typed(lastName, firstName), reasons: refused, createdAt: at() });
    if (i % 2 === 0) await recordTestAttempt({ ...base, typed: typed(record.lastName, record.firstName), success: true, reasons: [], createdAt: at() });
  }
  const notFound = [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "1234567" }];
  for (const [boardId, lastName, firstName] of [
    [boardA, "Ng", "Bao"],
    [boardA, "Ducharme-Lang", "Yu"],
    [boardB, "Ng", "Li"],
    [boardB, "Boulanger", "Zoé"],
    [boardB, "Langevin", "Ngoc"],
    [boardA, "Dion", "Amélie-Ng"],
    [null, "Ng", "Orphelin"],
  ] as const) {
    const attempt = await recordTestAttempt({ parentAccountId: parent.id, boardId: boardId ?? undefined, typed: typed(lastName, firstName), reasons: notFound, createdAt: at() });
    notFoundTyped.set(`${lastName} ${firstName}`, attempt.id);
  }
});

const queries = [
  "ng", "Ng", "NG li", "li", "n", "lu na", "zo", "du", "ducharme", "Ducharme li", "lan", "tremblay ng", "ngu al", "cote", "boulanger", "dupont",
  // Words of one or two letters: a word's start only ("ng" is not in "Langevin" or "Boulanger"), after a hyphen or an
  // apostrophe too, with accents, beside a longer word, or found only in the names the parent typed.
  "Ng-Li", "ngo", "a", "am", "d'am", "D'Amour", "Él", "el", "ev", "eve ma", "ne", "o'n", "gu", "n'g", "la", "lang lu", "ng thi", "vin",
  "ngoc", "langevin ng", "bo zo", "al ro", "on", "%", "li-n",
];

const longWordQueries = [
  // Words of three letters or more: several of them, inside a word ("ouble" in Boulanger), only in the names the
  // parent typed (no record has them), and in no name at all.
  "ducharme olivier", "lalonde nguyen ana", "ouble", "anger", "guessan", "neil lang", "roy al", "xyzzy", "xyzzy ng", "ducharme xyzzy",
];

/** Every scope's search by these names is the oracle's, whichever outcome; returns how many attempts were expected. */
async function expectSameAsOracle(names: string[]): Promise<number> {
  const scopes: StaffScope[] = [
    { kind: "all" },
    { kind: "board", boardId: boardA },
    { kind: "board", boardId: boardB },
    { kind: "schools", schoolIds: [a1.id] },
    { kind: "schools", schoolIds: [a2.id] },
    { kind: "schools", schoolIds: [a1.id, b1.id] },
    { kind: "schools", schoolIds: [] },
  ];
  let found = 0;
  for (const scope of scopes) {
    for (const student of names) {
      for (const outcome of ["failed", "all"] as const) {
        const expected = await oracle(scope, student, outcome);
        const page = await searchAttemptsForStaff(scope, { student, outcome });
        expect({ scope, student, outcome, ids: page.rows.map((r) => r.id), total: page.total }).toEqual({
          scope,
          student,
          outcome,
          ids: expected.slice(0, page.pageSize),
          total: expected.length,
        });
        found += expected.length;
      }
    }
  }
  return found;
}

// Hundreds of searches each: on a loaded machine (CI runs three databases at once) they take longer than one test.
const SEARCHES_TIMEOUT = 120_000;

describe("attempts by name", () => {
  it("are the scope's attempts whose every word is in the record's name or the typed names, in every scope", async () => {
    expect(await expectSameAsOracle(queries)).toBeGreaterThan(200); // not vacuous
  }, SEARCHES_TIMEOUT);

  it("are the same with words of three letters or more", async () => {
    expect(await expectSameAsOracle(longWordQueries)).toBeGreaterThan(40);
  }, SEARCHES_TIMEOUT);

  it("are the same province-wide whichever way a name is searched", async () => {
    const scope: StaffScope = { kind: "all" };
    for (const student of [...queries, ...longWordQueries]) {
      // The refusals (the walk of association_attempts_refused_names_idx) and every outcome.
      for (const [way, outcome] of [["index", "failed"], ["walk", "failed"], ["index", "all"], ["walk", "all"]] as const) {
        const expected = await oracle(scope, student, outcome);
        const page = await searchAttemptsForStaff(scope, { student, outcome }, { provinceWay: way });
        expect({ student, way, outcome, ids: page.rows.map((r) => r.id), total: page.total }).toEqual({
          student,
          way,
          outcome,
          ids: expected.slice(0, page.pageSize),
          total: expected.length,
        });
      }
    }
  }, SEARCHES_TIMEOUT);

  it("reads a word of one or two letters as the start of a word, in the record's name or the typed names", async () => {
    const found = async (scope: StaffScope, student: string) =>
      new Set((await searchAttemptsForStaff(scope, { student, outcome: "all" })).rows.map((r) => r.id));
    const province: StaffScope = { kind: "all" };
    for (const scope of [province, { kind: "board", boardId: boardA } as StaffScope]) {
      const ng = await found(scope, "Ng");
      expect(ng.has(typedAsRecord.get("Ng Thi Lan")!)).toBe(true);
      expect(ng.has(typedAsRecord.get("Tremblay-Ng Émile")!)).toBe(true); // after a hyphen
      expect(ng.has(notFoundTyped.get("Dion Amélie-Ng")!)).toBe(true); // typed only
      expect(ng.has(typedAsRecord.get("Langevin Marc")!)).toBe(false); // inside a word
      expect(ng.has(notFoundTyped.get("Ducharme-Lang Yu")!)).toBe(false);
      // Three letters are found anywhere, as before.
      expect((await found(scope, "ang")).has(typedAsRecord.get("Langevin Marc")!)).toBe(true);
    }
    expect((await found(province, "ev")).has(typedAsRecord.get("Boulanger Ève-Marie")!)).toBe(true);
    expect((await found(province, "ev")).has(typedAsRecord.get("Langevin Marc")!)).toBe(false);
    expect((await found(province, "d'am")).has(typedAsRecord.get("D'Amour Éloïse")!)).toBe(true);
    expect((await found({ kind: "board", boardId: boardB }, "ngo")).has(notFoundTyped.get("Langevin Ngoc")!)).toBe(true);
    // Nothing searchable (one letter, punctuation): nothing is found, as in the student search.
    for (const student of ["n", "%", "a b", "œ"]) {
      expect(await searchAttemptsForStaff(province, { student })).toMatchObject({ total: 0, rows: [], studentUnmatchable: true });
    }
    expect(await searchAttemptsForStaff(province, { student: "ng" })).toMatchObject({ studentUnmatchable: false });
  });
});
