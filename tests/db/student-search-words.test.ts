// Name search through the word index (students_name_words_idx, student_name_words) finds exactly what the walk of a
// name index finds: the same students, in the same order, with the same counts and pages, on random names and
// queries (accents, hyphens, apostrophes, one- and two-letter words, letters without any trigram, LIKE wildcards).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db, executedRows } from "@/db/client";
import { students, studentNameWords, type School, type SchoolBoard } from "@/db/schema";
import { searchStudents, type StudentSearchOptions, type StudentSearchResult } from "@/db/queries/student-search";
import type { StaffScope } from "@/lib/auth/scope";
import { foldForSearch } from "@/lib/names";
import { classifyStudentQuery } from "@/lib/student-query";
import { parseStudentSearch } from "@/lib/validations/student-search";
import { createBoard, createSchool } from "@/tests/helpers/school-fixtures";

// Few pieces, so that names share words and fragments and a query often matches many students (pages, "plus de").
const PIECES = [
  "ma", "rie", "mar", "tin", "o", "li", "ng", "an", "ne", "jean", "ève", "eve", "côté", "cote", "roy", "st", "x",
  "é", "ç", "œ", "æ", "ß", "ø", "ł", "d", "le", "la", "du", "2", "a", "b", "ÉMI", "Lé", "Ô", "_", "%",
];
const SEPARATORS = [" ", "-", "'", "’", " - ", ", ", "  ", "."];

const word = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));
const name = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...SEPARATORS), { minLength: 3, maxLength: 3 }))
  .map(([words, separators]) => words.reduce((text, w, i) => (i === 0 ? w : `${text}${separators[i - 1]}${w}`), ""));
const person = fc.record({ lastName: name, firstName: name });

let boardA: SchoolBoard;
let boardB: SchoolBoard;
let schools: School[];
const all: StaffScope = { kind: "all" };
let boardScope: StaffScope;
/** Every student's id, board and search_name, as stored. */
let stored: { id: number; boardId: number; searchName: string }[] = [];

async function readStored() {
  stored = await db.select({ id: students.id, boardId: students.boardId, searchName: students.searchName }).from(students);
}

let fiche = 0;
function studentValues(school: School, p: { lastName: string; firstName: string }) {
  fiche += 1;
  return {
    boardId: school.boardId, schoolId: school.id, fiche: String(fiche), lastName: p.lastName, firstName: p.firstName,
    birthDate: `20${String(10 + (fiche % 9)).padStart(2, "0")}-0${1 + (fiche % 9)}-1${fiche % 10}`,
    searchName: foldForSearch(`${p.lastName} ${p.firstName}`),
  };
}

beforeAll(async () => {
  boardA = await createBoard();
  boardB = await createBoard();
  schools = [await createSchool(boardA), await createSchool(boardA), await createSchool(boardB)];
  boardScope = { kind: "board", boardId: boardA.id };
  const people = fc.sample(person, { seed: 20261206, numRuns: 240 });
  // Most in one statement (as an import), some one by one, then some renamed (as an edit).
  await db.insert(students).values(people.slice(0, 200).map((p, i) => studentValues(schools[i % 3]!, p)));
  for (const [i, p] of people.slice(200, 220).entries()) await db.insert(students).values(studentValues(schools[i % 3]!, p));
  const renamed = await db.select({ id: students.id }).from(students).limit(20);
  for (const [i, { id }] of renamed.entries()) {
    const p = people[220 + i]!;
    await db
      .update(students)
      .set({ lastName: p.lastName, firstName: p.firstName, searchName: foldForSearch(`${p.lastName} ${p.firstName}`) })
      .where(eq(students.id, id));
  }
  await readStored();
});

/** The rule, written again in the plainest way: every typed word in some word of the name (or starting one). */
function expectedIds(q: string, scope: StaffScope): number[] {
  const query = classifyStudentQuery(q);
  if (query.kind !== "name") return [];
  return stored
    .filter((s) => scope.kind !== "board" || s.boardId === scope.boardId)
    .filter((s) => {
      const words = s.searchName.split(" ");
      return query.terms.every((term) =>
        words.some((w) => (term.match === "contains" ? w.includes(term.text) : w.startsWith(term.text))),
      );
    })
    .map((s) => s.id)
    .sort((a, b) => a - b);
}

const search = (scope: StaffScope, url: Record<string, string>, nameIndex: StudentSearchOptions["nameIndex"]) =>
  searchStudents(scope, parseStudentSearch(url), { nameIndex });

/** Every match, page after page (in name order, a province-wide page says only whether there is a next one). */
async function allPages(scope: StaffScope, q: string, nameIndex: StudentSearchOptions["nameIndex"]): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page += 1) {
    const result = await search(scope, { q, page: String(page) }, nameIndex);
    ids.push(...result.rows.map((row) => row.id));
    if (!result.hasNextPage) return ids;
  }
}

const comparable = (result: StudentSearchResult) => ({ ...result, rows: result.rows.map((row) => row.id) });

/** Queries made of the names' own pieces and fragments of stored names, as staff would type them. */
const typed = fc.oneof(
  fc.array(fc.constantFrom(...PIECES, ...PIECES.map((p) => p.toUpperCase())), { minLength: 1, maxLength: 4 }).chain((parts) =>
    fc.array(fc.constantFrom(...SEPARATORS, ""), { minLength: parts.length, maxLength: parts.length }).map((seps) =>
      parts.map((p, i) => `${p}${seps[i]}`).join(""),
    ),
  ),
  fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([which, start, length]) => {
    const text = stored[which % stored.length]!.searchName;
    const from = start % text.length;
    return text.slice(from, from + 1 + (length % 12));
  }),
  fc.string({ maxLength: 6 }),
);

describe("name search by words", () => {
  it("finds what the walk finds, in the same order, with the same counts and pages", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        typed,
        fc.constantFrom("1", "2"),
        fc.constantFrom("nom", "-nom", "fiche", "-naissance", "ecole"),
        async (q, page, tri) => {
          for (const scope of [all, boardScope]) {
            const url = { q, page, tri };
            const walked = await search(scope, url, "walk");
            const byWords = await search(scope, url, "words");
            expect(comparable(byWords), JSON.stringify({ scope, url })).toEqual(comparable(walked));
            expect(comparable(await search(scope, url, "auto"))).toEqual(comparable(walked));
          }
        },
      ),
      { numRuns: 150, seed: 4242 },
    );
  });

  it("finds every student the rule says, and no other", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(typed, async (q) => {
        fc.pre(classifyStudentQuery(q).kind === "name");
        for (const scope of [all, boardScope]) {
          const expected = expectedIds(q, scope);
          const byWords = (await allPages(scope, q, "words")).sort((a, b) => a - b);
          expect(byWords, JSON.stringify({ scope, q })).toEqual(expected);
          expect((await allPages(scope, q, "walk")).sort((a, b) => a - b)).toEqual(expected);
        }
      }),
      { numRuns: 100, seed: 77 },
    );
  });

  it("handles words without any trigram, one- and two-letter words, accents and hyphens", async () => {
    for (const q of ["o", "o li", "ng", "œ", "ß la", "ł x", "Côté-Roy", "d'an", "ÉMI-lé", "2 ma", "x b", "ma_rie", "%ma", "st. jean"]) {
      for (const scope of [all, boardScope]) {
        const expected = expectedIds(q, scope);
        expect((await allPages(scope, q, "words")).sort((a, b) => a - b), q).toEqual(expected);
        expect(comparable(await search(scope, { q }, "words")), q).toEqual(comparable(await search(scope, { q }, "walk")));
      }
    }
  });

  it("keeps the stored words up to date as students are added and renamed", async () => {
    const school = schools[0]!;
    const [added] = await db.insert(students).values(studentValues(school, { lastName: "Zyxwvu", firstName: "Qàpqàp" })).returning();
    expect((await search(all, { q: "yxwv" }, "words")).rows.map((row) => row.id)).toEqual([added!.id]);
    expect((await search(all, { q: "qapq zyx" }, "words")).rows.map((row) => row.id)).toEqual([added!.id]);
    // An update that leaves the name alone adds nothing; a new name's words are found, the old ones no longer.
    const before = await db.$count(studentNameWords);
    await db.update(students).set({ grade: "6e année" }).where(eq(students.id, added!.id));
    expect(await db.$count(studentNameWords)).toBe(before);
    await db
      .update(students)
      .set({ lastName: "Kjhgfd", searchName: foldForSearch("Kjhgfd Qàpqàp") })
      .where(eq(students.id, added!.id));
    expect((await search(all, { q: "jhgf" }, "words")).rows.map((row) => row.id)).toEqual([added!.id]);
    expect((await search(all, { q: "yxwv" }, "words")).rows).toEqual([]);
    expect((await search(all, { q: "yxwv" }, "walk")).rows).toEqual([]);
    // Every word of every stored name is listed.
    const missing = await db.execute(sql`
      select w from ${students}, unnest(string_to_array(${students.searchName}, ' ')) as w
      where w <> '' and not exists (select from ${studentNameWords} n where n.word = w)`);
    expect(executedRows(missing)).toEqual([]);
    await readStored();
  });
});
