import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { associations, students, type School, type SchoolBoard, type Student } from "@/db/schema";
import { COUNT_CAP, searchStudents, type StudentSearchResult } from "@/db/queries/student-search";
import type { StaffScope } from "@/lib/auth/scope";
import { parseStudentSearch, STUDENT_SEARCH_MAX_PAGE, STUDENT_SEARCH_RESULT_CAP } from "@/lib/validations/student-search";
import { foldForSearch } from "@/lib/names";
import { createParent } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent } from "@/tests/helpers/school-fixtures";

let boardA: SchoolBoard;
let boardB: SchoolBoard;
let schoolA1: School;
let schoolA2: School;
let schoolB1: School;
const s: Record<string, Student> = {};

const all: StaffScope = { kind: "all" };
let secretaryA1: StaffScope;
let boardScopeA: StaffScope;

async function search(scope: StaffScope, params: Record<string, string | undefined> = {}): Promise<StudentSearchResult> {
  return searchStudents(scope, parseStudentSearch(params));
}
const names = (result: StudentSearchResult) => result.rows.map((row) => `${row.lastName}, ${row.firstName}`);
const ids = (result: StudentSearchResult) => result.rows.map((row) => row.id).sort((a, b) => a - b);
const idsOf = (...keys: string[]) => keys.map((key) => s[key]!.id).sort((a, b) => a - b);

beforeAll(async () => {
  boardA = await createBoard();
  boardB = await createBoard();
  schoolA1 = await createSchool(boardA, { name: "École Alpha" });
  schoolA2 = await createSchool(boardA, { name: "École Bêta" });
  schoolB1 = await createSchool(boardB, { name: "École Gamma" });
  secretaryA1 = { kind: "schools", schoolIds: [schoolA1.id] };
  boardScopeA = { kind: "board", boardId: boardA.id };

  s.cote = await createStudent(schoolA1, {
    lastName: "Côté", firstName: "Léa-Rose", fiche: "1234", codePermanent: "COTL65531401",
    birthDate: "2015-03-14", grade: "6e année", guardianEmails: ["parent.cote@exemple.ca"],
  });
  s.tremblayGagnon = await createStudent(schoolA1, {
    lastName: "Tremblay-Gagnon", firstName: "Marie-Ève", fiche: "1000045", codePermanent: "TREM55601499",
    birthDate: "2013-11-02", grade: "Sec. 1", guardianEmails: ["j.tremblay@exemple.ca", "gagnon.m@exemple.ca"],
  });
  s.coteRoy = await createStudent(schoolA2, {
    lastName: "Côté-Roy", firstName: "Émile", fiche: "77", birthDate: "2017-06-30", grade: "4e année",
  });
  s.gagnon = await createStudent(schoolB1, {
    lastName: "Gagnon", firstName: "Marie", fiche: "1234", codePermanent: "GAGM55601402",
    birthDate: "2016-01-20", grade: "5e année", guardianEmails: ["parent.cote@exemple.ca"],
  });
  s.tremblay = await createStudent(schoolA2, {
    lastName: "Tremblay", firstName: "Noah", fiche: "5005", codePermanent: "TREN150601",
    birthDate: "2015-06-01", grade: "6e année", guardianEmails: ["noah.parent@exemple.ca"],
  });
  s.nguyen = await createStudent(schoolA1, {
    lastName: "Nguyen", firstName: "Li", fiche: "31", birthDate: "2018-09-09", grade: "2e année",
    guardianEmails: ["nguyen@exemple.ca"],
  });
  s.underscore = await createStudent(schoolA1, {
    lastName: "Le_Blanc", firstName: "Zoé", fiche: "41", birthDate: "2014-02-02", guardianEmails: ["lb@exemple.ca"],
  });
  s.lexblanc = await createStudent(schoolA1, {
    lastName: "Lexblanc", firstName: "Zoé", fiche: "42", birthDate: "2014-02-03", guardianEmails: ["lx@exemple.ca"],
  });

  const parent = await createParent("parent.cote@exemple.ca");
  await db.insert(associations).values({ parentAccountId: parent.id, studentId: s.cote.id, method: "match" });
  // A revoked association does not count as having an account.
  await db
    .insert(associations)
    .values({ parentAccountId: parent.id, studentId: s.nguyen.id, method: "match", revokedAt: new Date() });
});

describe("searchStudents: what the box understands", () => {
  it("finds a fiche typed with a leading e and zeros, in every board the scope reaches", async () => {
    expect(ids(await search(all, { q: "e0001234" }))).toEqual(idsOf("cote", "gagnon"));
    expect(ids(await search(boardScopeA, { q: "E 0001234" }))).toEqual(idsOf("cote"));
  });

  it("finds a code permanent typed with spaces and in lower case", async () => {
    expect(ids(await search(all, { q: "cotl 6553 1401" }))).toEqual(idsOf("cote"));
    expect(ids(await search(all, { q: "tren150601" }))).toEqual(idsOf("tremblay"));
  });

  it("finds a completed code permanent from its first ten characters", async () => {
    expect(ids(await search(all, { q: "COTL 655314" }))).toEqual(idsOf("cote"));
  });

  it("finds the students of a parent email, whatever its case and spaces", async () => {
    expect(ids(await search(all, { q: "  Parent.Cote@EXEMPLE.ca " }))).toEqual(idsOf("cote", "gagnon"));
    expect(ids(await search(all, { q: "gagnon.m@exemple.ca" }))).toEqual(idsOf("tremblayGagnon"));
    expect(ids(await search(all, { q: "personne@exemple.ca" }))).toEqual([]);
  });

  it('finds "Côté" from "cote"', async () => {
    expect(ids(await search(all, { q: "cote" }))).toEqual(idsOf("cote", "coteRoy"));
  });

  it('finds "Tremblay-Gagnon, Marie-Ève" from "marie tremblay", in any word order', async () => {
    expect(names(await search(all, { q: "marie tremblay" }))).toEqual(["Tremblay-Gagnon, Marie-Ève"]);
    expect(names(await search(all, { q: "TREMBLAY GAGNON marie eve" }))).toEqual(["Tremblay-Gagnon, Marie-Ève"]);
    expect(names(await search(all, { q: "Tremblay-Gagnon, Marie-Ève" }))).toEqual(["Tremblay-Gagnon, Marie-Ève"]);
    expect(names(await search(all, { q: "gagnon ève" }))).toEqual(["Tremblay-Gagnon, Marie-Ève"]);
  });

  it("matches short words at the start of a word only", async () => {
    expect(names(await search(all, { q: "li ng" }))).toEqual(["Nguyen, Li"]);
    expect(names(await search(all, { q: "marie t" }))).toEqual(["Tremblay-Gagnon, Marie-Ève"]);
    expect(names(await search(all, { q: "rie" }))).toEqual(["Gagnon, Marie", "Tremblay-Gagnon, Marie-Ève"]);
  });

  it("never takes a typed _ or % as a LIKE wildcard", async () => {
    expect(names(await search(all, { q: "lexbla" }))).toEqual(["Lexblanc, Zoé"]);
    expect(names(await search(all, { q: "lexbla_c" }))).toEqual([]);
    expect(names(await search(all, { q: "lexb%c" }))).toEqual([]);
    // Like a hyphen, an underscore separates words.
    expect(names(await search(all, { q: "le_blanc" }))).toEqual(["Le_Blanc, Zoé", "Lexblanc, Zoé"]);
  });

  it("asks an admin for a query or a school before listing the whole province", async () => {
    const result = await search(all, { courriel: "sans" });
    expect(result).toMatchObject({ rows: [], narrowing: "queryOrSchool" });
    expect(ids(await search(all, { ecole: String(schoolA2.id), courriel: "sans" }))).toEqual(idsOf("coteRoy"));
  });

  it("lists the whole scope for an empty box", async () => {
    const result = await search(secretaryA1);
    expect(ids(result)).toEqual(idsOf("cote", "tremblayGagnon", "nguyen", "underscore", "lexblanc"));
    expect(result.total).toBe(5);
  });

  it("returns the row details the table shows", async () => {
    const [row] = (await search(all, { q: "1000045" })).rows;
    expect(row).toMatchObject({
      fiche: "1000045",
      codePermanent: "TREM55601499",
      schoolName: "École Alpha",
      boardName: boardA.name,
      guardianEmails: ["j.tremblay@exemple.ca", "gagnon.m@exemple.ca"],
      associatedAccounts: 0,
      archived: false,
    });
    expect((await search(all, { q: "1234" })).rows.find((r) => r.id === s.cote!.id)?.associatedAccounts).toBe(1);
  });
});

describe("searchStudents: filters", () => {
  it("filters by school", async () => {
    expect(ids(await search(all, { ecole: String(schoolA2.id) }))).toEqual(idsOf("coteRoy", "tremblay"));
    expect(ids(await search(all, { q: "cote", ecole: String(schoolA1.id) }))).toEqual(idsOf("cote"));
  });

  it("filters by grade", async () => {
    expect(ids(await search(boardScopeA, { niveau: "6e année" }))).toEqual(idsOf("cote", "tremblay", "underscore", "lexblanc"));
    expect(ids(await search(boardScopeA, { niveau: "Sec. 1" }))).toEqual(idsOf("tremblayGagnon"));
  });

  it("filters by having an active association or none", async () => {
    expect(ids(await search(boardScopeA, { compte: "avec" }))).toEqual(idsOf("cote"));
    expect(ids(await search(boardScopeA, { compte: "sans" }))).toEqual(
      idsOf("tremblayGagnon", "coteRoy", "tremblay", "nguyen", "underscore", "lexblanc"),
    );
  });

  it("filters records that have no guardian email", async () => {
    expect(ids(await search(boardScopeA, { courriel: "sans" }))).toEqual(idsOf("coteRoy"));
    expect(ids(await search(all, { q: "cote", courriel: "sans" }))).toEqual(idsOf("coteRoy"));
  });

  it("combines filters", async () => {
    expect(ids(await search(all, { q: "tremblay", ecole: String(schoolA2.id), compte: "sans", niveau: "6e année" }))).toEqual(
      idsOf("tremblay"),
    );
  });
});

describe("searchStudents: sorting and pages", () => {
  it("sorts by name, either way", async () => {
    const ascending = names(await search(boardScopeA));
    expect(ascending).toEqual([
      "Côté, Léa-Rose", "Côté-Roy, Émile", "Le_Blanc, Zoé", "Lexblanc, Zoé", "Nguyen, Li", "Tremblay-Gagnon, Marie-Ève",
      "Tremblay, Noah",
    ]);
    expect(names(await search(boardScopeA, { tri: "-nom" }))).toEqual([...ascending].reverse());
  });

  it("sorts fiches as numbers", async () => {
    const fiches = (await search(boardScopeA, { tri: "fiche" })).rows.map((row) => row.fiche);
    expect(fiches).toEqual(["31", "41", "42", "77", "1234", "5005", "1000045"]);
    const descending = (await search(boardScopeA, { tri: "-fiche" })).rows.map((row) => row.fiche);
    expect(descending).toEqual([...fiches].reverse());
  });

  it("sorts by birth date and by school", async () => {
    const births = (await search(boardScopeA, { tri: "-naissance" })).rows.map((row) => row.birthDate);
    expect(births).toEqual([...births].sort().reverse());
    const bySchool = (await search(boardScopeA, { tri: "ecole" })).rows;
    // By school, then by name within a school.
    expect(bySchool.map((row) => `${row.schoolName}: ${row.lastName}`)).toEqual([
      "École Alpha: Côté", "École Alpha: Le_Blanc", "École Alpha: Lexblanc", "École Alpha: Nguyen",
      "École Alpha: Tremblay-Gagnon", "École Bêta: Côté-Roy", "École Bêta: Tremblay",
    ]);
    const descending = (await search(boardScopeA, { tri: "-ecole" })).rows.map((row) => `${row.schoolName}: ${row.lastName}`);
    expect(descending).toEqual([
      "École Bêta: Côté-Roy", "École Bêta: Tremblay", "École Alpha: Côté", "École Alpha: Le_Blanc",
      "École Alpha: Lexblanc", "École Alpha: Nguyen", "École Alpha: Tremblay-Gagnon",
    ]);
  });

  it("pages through results without overlap and counts them", async () => {
    const school = await createSchool(boardB);
    await db.insert(students).values(
      Array.from({ length: 30 }, (_, i) => ({
        boardId: boardB.id, schoolId: school.id, fiche: String(900_000 + i), lastName: "Bouchard",
        firstName: `Élève ${String(i).padStart(2, "0")}`, birthDate: "2015-01-01",
        searchName: foldForSearch(`Bouchard Élève ${String(i).padStart(2, "0")}`),
      })),
    );
    const boardScopeB = { kind: "board", boardId: boardB.id } as const;
    const first = await search(boardScopeB, { q: "bouchard" });
    const second = await search(boardScopeB, { q: "bouchard", page: "2" });
    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(5);
    expect(first.total).toBe(30);
    expect(second.total).toBe(30);
    expect(first.totalCapped).toBe(false);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(30);
    expect(names(second).at(-1)).toBe("Bouchard, Élève 29");
    expect((await search(boardScopeB, { q: "bouchard", page: "3" })).rows).toEqual([]);

    // Province-wide, a page in name order reads one row past itself: "more than 25", then the exact total on the
    // page where the matches end; the pages are the same rows.
    const provinceFirst = await search(all, { q: "bouchard" });
    const provinceSecond = await search(all, { q: "bouchard", page: "2" });
    expect(provinceFirst).toMatchObject({ total: 25, totalCapped: true, hasNextPage: true });
    expect(provinceSecond).toMatchObject({ total: 30, totalCapped: false, hasNextPage: false });
    expect(provinceFirst.rows).toEqual(first.rows);
    expect(provinceSecond.rows).toEqual(second.rows);
  });

  it("counts up to a cap and says there are more", async () => {
    const school = await createSchool(boardB);
    await db.insert(students).values(
      Array.from({ length: STUDENT_SEARCH_RESULT_CAP + 5 }, (_, i) => ({
        boardId: boardB.id, schoolId: school.id, fiche: String(800_000 + i), lastName: "Pelletier",
        firstName: "Jade", birthDate: "2015-01-01", searchName: "pelletier jade",
      })),
    );
    const result = await search({ kind: "board", boardId: boardB.id }, { q: "pelletier" });
    expect(result).toMatchObject({ total: COUNT_CAP.board, totalCapped: true, hasNextPage: true });
    expect(result.rows).toHaveLength(25);
    // Province-wide, counting stops sooner: at the page shown in name order, at the cap for another order.
    expect(await search(all, { q: "pelletier" })).toMatchObject({ total: 25, totalCapped: true, hasNextPage: true });
    expect(await search(all, { q: "pelletier", page: "3" })).toMatchObject({ total: 75, totalCapped: true, hasNextPage: true });
    const last = await search(all, { q: "pelletier", page: String(STUDENT_SEARCH_MAX_PAGE) });
    expect(last).toMatchObject({ page: STUDENT_SEARCH_MAX_PAGE, hasNextPage: false });
    expect(last.rows).toHaveLength(25);
  });

  it("orders more matches than it counts by name, and says so", async () => {
    const result = await search(all, { q: "pelletier", tri: "-naissance" });
    expect(result).toMatchObject({ sortIgnored: true, sort: { key: "nom", descending: false } });
    // Province-wide, another order counts the matches up to the cap and sorts them all.
    expect(await search(all, { q: "bouchard", tri: "-fiche" })).toMatchObject({
      sortIgnored: false, sort: { key: "fiche", descending: true }, total: 30, totalCapped: false,
    });
    const few = await search(boardScopeA, { tri: "-naissance" });
    expect(few).toMatchObject({ sortIgnored: false, sort: { key: "naissance", descending: true } });
  });
});

describe("searchStudents: scope", () => {
  it("never shows a secretary the students of another school or board", async () => {
    const queries = ["", "cote", "1234", "e0001234", "parent.cote@exemple.ca", "gagnon", "tremblay", "GAGM55601402", "marie"];
    for (const q of queries) {
      for (const extra of [{}, { ecole: String(schoolA2.id) }, { ecole: String(schoolB1.id) }, { compte: "sans" }]) {
        const result = await search(secretaryA1, { q, ...extra });
        for (const row of result.rows) expect(row.schoolId, `${q} ${JSON.stringify(extra)}`).toBe(schoolA1.id);
      }
    }
    expect(ids(await search(secretaryA1, { q: "gagnon" }))).toEqual(idsOf("tremblayGagnon"));
  });

  it("keeps board support within their board", async () => {
    const result = await search(boardScopeA, { q: "marie" });
    expect(names(result)).toEqual(["Tremblay-Gagnon, Marie-Ève"]);
  });

  it("shows nothing to a secretary attached to no school", async () => {
    expect((await search({ kind: "schools", schoolIds: [] })).rows).toEqual([]);
  });
});

describe("searchStudents: hostile input", () => {
  const hostile = [
    "%", "_", "\\", "%%", "__", "%_\\", "'", "''", "'; drop table students; --", "\"; select pg_sleep(10); --",
    "a".repeat(10_000), "cote ".repeat(2_000), "🙂", "🙂🙂🙂 cote", "co\u0000te", "\u0000", "\u0000".repeat(300),
    "\ud800", "𝓬𝓸𝓽𝓮", "ǅ", "@", "@@", "a@", "@b", "x@y@z", "%@%", "_@_.ca", "e", "E", "e0", "0", "00000000000000000000",
    "1e5", "-1", "1; delete", "\t\n\r", "COTL%", "tre%", "\\%", "名前", "مريم", "Ωμέγα", "\u202e", "\ufeffcote",
  ];

  it("returns results or nothing, never an error", async () => {
    for (const q of hostile) {
      for (const scope of [all, secretaryA1, boardScopeA]) {
        const result = await search(scope, { q, tri: "-ecole", page: "2" });
        expect(Array.isArray(result.rows), q.slice(0, 20)).toBe(true);
        const first = await search(scope, { q });
        expect(Array.isArray(first.rows), q.slice(0, 20)).toBe(true);
      }
    }
    expect(await db.$count(students)).toBeGreaterThan(0);
  });

  it("never treats % or _ as a wildcard that lists everyone", async () => {
    for (const q of ["%", "_", "%%", "__", "%_", "\\", "%%%%%%", "_%_%_"]) {
      expect((await search(all, { q })).rows, q).toEqual([]);
    }
  });

  it("still finds the student when the name comes with noise around it", async () => {
    expect(ids(await search(all, { q: "🙂 cote\u0000" }))).toEqual(idsOf("cote", "coteRoy"));
    expect(ids(await search(all, { q: "\ufeffcote" }))).toEqual(idsOf("cote", "coteRoy"));
  });
});
