import { beforeAll, describe, expect, it } from "vitest";
import { ATTEMPT_COUNT_CAP, searchAttemptsForStaff } from "@/db/queries/attempts";
import { db } from "@/db/client";
import { getStudentForStaff } from "@/db/queries/students";
import { associationAttempts, type School, type Student } from "@/db/schema";
import { createParent } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, recordTestAttempt, secretaryOf } from "@/tests/helpers/staff-fixtures";
import type { StaffContext } from "@/db/queries/staff";

let school1: School, school2: School;
let cote: Student, gagnon: Student;
let support: StaffContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const board = await createBoard();
  school1 = await createSchool(board);
  school2 = await createSchool(board);
  cote = await createStudent(school1, { lastName: "Côté", firstName: "Léa-Rose", fiche: "1234567", codePermanent: "COTL14531507", guardianEmails: ["dossier@exemple.ca"] });
  gagnon = await createStudent(school2, { lastName: "Tremblay-Gagnon", firstName: "Émile", fiche: "2345678" });
  support = await boardSupportOf(board);
  const marie = await createParent("marie_tremblay+ecole@exemple.ca");
  const paul = await createParent("paul@exemple.ca");
  // 03:30 UTC on 2026-03-11 is still 2026-03-10 (23:30) in Quebec, on daylight time (UTC−4) since 2026-03-08.
  ids.old = (await recordTestAttempt({ parentAccountId: marie.id, boardId: board.id, candidateStudentId: cote.id, createdAt: new Date("2026-03-11T03:30:00Z") })).id;
  ids.recent = (
    await recordTestAttempt({
      parentAccountId: marie.id,
      boardId: board.id,
      candidateStudentId: cote.id,
      createdAt: new Date("2026-03-12T15:00:00Z"),
      typed: { lastName: "Cote", firstName: "Lea Rose", birthDate: "2015-03-14", identifier: "e1234567" },
      reasons: [
        { code: "last_name_differs", field: "lastName", kind: "accents", typed: "Cote", expected: "Côté", word: "Côté" },
        { code: "email_not_on_record", field: "email", kind: "not_listed", typed: "marie_tremblay+ecole@exemple.ca", expected: "dossier@exemple.ca" },
      ],
    })
  ).id;
  ids.paulGagnon = (await recordTestAttempt({ parentAccountId: paul.id, boardId: board.id, candidateStudentId: gagnon.id, createdAt: new Date("2026-03-12T16:00:00Z") })).id;
  ids.paulNotFound = (
    await recordTestAttempt({
      parentAccountId: paul.id,
      boardId: board.id,
      createdAt: new Date("2026-03-12T17:00:00Z"),
      typed: { lastName: "Bélanger", firstName: "Zoé", birthDate: "2016-01-01", identifier: "7654321" },
      reasons: [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "7654321" }],
    })
  ).id;
  ids.success = (await recordTestAttempt({ parentAccountId: paul.id, boardId: board.id, candidateStudentId: gagnon.id, success: true, reasons: [], createdAt: new Date("2026-03-12T18:00:00Z") })).id;
});

const search = async (filters: Parameters<typeof searchAttemptsForStaff>[1]) =>
  (await searchAttemptsForStaff(support.scope, filters)).rows.map((r) => r.id);

describe("'Why did it fail?' search", () => {
  it("lists failures newest first, and successes only when asked", async () => {
    expect(await search({})).toEqual([ids.paulNotFound, ids.paulGagnon, ids.recent, ids.old]);
    expect(await search({ outcome: "all" })).toEqual([ids.success, ids.paulNotFound, ids.paulGagnon, ids.recent, ids.old]);
  });

  it("filters by parent email, part of it included, with _ and + taken literally", async () => {
    expect(await search({ email: "Marie_Tremblay+ecole@exemple.ca" })).toEqual([ids.recent, ids.old]);
    expect(await search({ email: "marie_" })).toEqual([ids.recent, ids.old]);
    // A whole address is one account's: another address that ends the same way is not it.
    expect(await search({ email: "tremblay+ecole@exemple.ca" })).toEqual([]);
    expect(await search({ email: "marie%" })).toEqual([]);
  });

  it("filters by student: fiche as typed or on record, code permanent, or name without accents", async () => {
    expect(await search({ student: "e01234567" })).toEqual([ids.recent, ids.old]);
    expect(await search({ student: "cotl 1453 1507" })).toEqual([ids.recent, ids.old]);
    expect(await search({ student: "gagnon emile" })).toEqual([ids.paulGagnon]);
    // A student not found is still found by what the parent typed.
    expect(await search({ student: "7654321" })).toEqual([ids.paulNotFound]);
    expect(await search({ student: "belanger" })).toEqual([ids.paulNotFound]);
  });

  it("finds a name whose words are some on the record and some typed by the parent, in every scope", async () => {
    // paulGagnon: the record is "Tremblay-Gagnon, Émile", the parent typed "Côté, Léa-Rose".
    expect(await search({ student: "tremblay lea" })).toEqual([ids.paulGagnon]);
    expect(await search({ student: "rose emile" })).toEqual([ids.paulGagnon]);
    expect(await search({ student: "gagnon cote" })).toEqual([ids.paulGagnon]);
    // The longest word only typed (no record), a shorter one too; words of two letters alone.
    expect(await search({ student: "belanger zo" })).toEqual([ids.paulNotFound]);
    expect(await search({ student: "zo" })).toEqual([ids.paulNotFound]);
    const secretary = await secretaryOf(school2);
    const ours = new Set(Object.values(ids));
    const inScope = async (scope: typeof support.scope, student: string) =>
      (await searchAttemptsForStaff(scope, { student })).rows.map((r) => r.id).filter((id) => ours.has(id));
    expect(await inScope(secretary.scope, "tremblay lea")).toEqual([ids.paulGagnon]);
    expect(await inScope(secretary.scope, "cote")).toEqual([ids.paulGagnon]);
    const admin = await anAdmin();
    expect(await inScope(admin.scope, "tremblay lea")).toEqual([ids.paulGagnon]);
    expect(await inScope(admin.scope, "cote")).toEqual([ids.paulGagnon, ids.recent, ids.old]);
  });

  it("filters by school", async () => {
    expect(await search({ school: school2.id })).toEqual([ids.paulGagnon]);
  });

  it("filters by calendar days in Quebec's time zone", async () => {
    expect(await search({ from: "2026-03-10", to: "2026-03-10" })).toEqual([ids.old]);
    expect(await search({ from: "2026-03-11", to: "2026-03-11" })).toEqual([]);
    expect(await search({ from: "2026-03-12" })).toEqual([ids.paulNotFound, ids.paulGagnon, ids.recent]);
  });

  it("returns each finding with the record as it is now, for the side-by-side view", async () => {
    const { rows } = await searchAttemptsForStaff(support.scope, { email: "marie", from: "2026-03-12" });
    expect(rows).toHaveLength(1);
    const [attempt] = rows;
    expect(attempt!.parentEmail).toBe("marie_tremblay+ecole@exemple.ca");
    expect(attempt!.typed.identifier).toBe("e1234567");
    expect(attempt!.reasons.map((r) => r.code)).toEqual(["last_name_differs", "email_not_on_record"]);
    expect(attempt!.candidate).toMatchObject({ id: cote.id, lastName: "Côté", schoolName: school1.name, guardianEmails: [{ email: "dossier@exemple.ca" }] });
  });

  it("shows a student's own attempts on the student page, newest first", async () => {
    const admin = await anAdmin();
    const detail = await getStudentForStaff(admin.scope, cote.id);
    expect(detail!.attempts.map((a) => a.id)).toEqual([ids.recent, ids.old]);
  });
});

describe("'Why did it fail?' count", () => {
  it("counts matches up to a cap and says there are more", async () => {
    const board = await createBoard();
    const boardSupport = await boardSupportOf(board);
    const parent = await createParent("beaucoup.d.essais@exemple.ca");
    await db.insert(associationAttempts).values(
      Array.from({ length: ATTEMPT_COUNT_CAP + 1 }, (_, i) => ({
        parentAccountId: parent.id,
        method: "match" as const,
        boardId: board.id,
        success: false,
        typed: { identifier: String(1000 + i) },
        reasons: [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: String(1000 + i) }],
      })),
    );
    const many = await searchAttemptsForStaff(boardSupport.scope, {});
    expect(many).toMatchObject({ total: ATTEMPT_COUNT_CAP, totalCapped: true, page: 1 });
    expect(many.rows).toHaveLength(many.pageSize);
    const one = await searchAttemptsForStaff(boardSupport.scope, { student: "1000" });
    expect(one).toMatchObject({ total: 1, totalCapped: false });
  });

  it("pages through the matches newest first, ties by id, the same rows as one ordered list", async () => {
    const board = await createBoard();
    const boardSupport = await boardSupportOf(board);
    const parent = await createParent("pages.d.essais@exemple.ca");
    // Inserted in one statement: they share created_at, so the id orders them.
    const inserted = await db
      .insert(associationAttempts)
      .values(
        Array.from({ length: ATTEMPT_COUNT_CAP + 5 }, (_, i) => ({
          parentAccountId: parent.id,
          method: "match" as const,
          boardId: board.id,
          success: false,
          typed: { identifier: String(5000 + i) },
          reasons: [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: String(5000 + i) }],
          ...(i % 3 === 0 ? { createdAt: new Date(Date.UTC(2026, 9, 1 + (i % 28))) } : {}),
        })),
      )
      .returning({ id: associationAttempts.id, createdAt: associationAttempts.createdAt });
    const ordered = inserted
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((row) => row.id);
    const pageSize = (await searchAttemptsForStaff(boardSupport.scope, {})).pageSize;
    for (const page of [1, 2, 5, 50, 51]) {
      const result = await searchAttemptsForStaff(boardSupport.scope, { page });
      expect(result).toMatchObject({ total: ATTEMPT_COUNT_CAP, totalCapped: true, page });
      expect(result.rows.map((row) => row.id)).toEqual(ordered.slice((page - 1) * pageSize, page * pageSize));
    }
    expect((await searchAttemptsForStaff(boardSupport.scope, { page: 52 })).rows).toEqual([]);
  });
});
