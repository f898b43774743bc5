import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { guardianEmails, parentAccounts, schoolBoards, schools, staffSchools, staffUsers, students } from "@/db/schema";
import { countSeededTables, seedDemoData, type SeedSummary } from "@/db/seed";
import { DEMO_PARENT, DEMO_STAFF, DEMO_STAFF_PASSWORD, DEMO_STUDENT } from "@/db/seed-data/fixtures";
import { verifyPassword } from "@/lib/password-hash";

describe("demo seed", () => {
  let first: SeedSummary;
  let second: SeedSummary;
  type Row = {
    id: number;
    boardId: number;
    schoolId: number;
    fiche: string;
    codePermanent: string | null;
    lastName: string;
    firstName: string;
  };
  let rows: Row[];
  let emails: { studentId: number; email: string }[];

  beforeAll(async () => {
    first = await seedDemoData(db);
    second = await seedDemoData(db);
    rows = await db
      .select({
        id: students.id,
        boardId: students.boardId,
        schoolId: students.schoolId,
        fiche: students.fiche,
        codePermanent: students.codePermanent,
        lastName: students.lastName,
        firstName: students.firstName,
      })
      .from(students);
    emails = await db.select({ studentId: guardianEmails.studentId, email: guardianEmails.email }).from(guardianEmails);
  });

  it("leaves every row count unchanged when run a second time", async () => {
    expect(second).toEqual(first);
    expect(await countSeededTables(db)).toEqual(first);
  });

  it("loads three boards, one of them not subscribed, at least four schools and 300 students", async () => {
    const boards = await db.select().from(schoolBoards);
    expect(boards).toHaveLength(3);
    expect(boards.filter((b) => !b.subscribed)).toHaveLength(1);
    for (const board of boards) {
      expect(board.firstRegistrationUrl).toMatch(/^https:\/\//);
      expect(board.otherSchoolUrl).toMatch(/^https:\/\//);
    }
    expect(first.schools).toBeGreaterThanOrEqual(4);
    expect(first.students).toBeGreaterThanOrEqual(300);
  });

  it("gives every student a code permanent of 12 characters, or 10 when incomplete", () => {
    for (const row of rows) expect(row.codePermanent).toMatch(/^[A-Z]{4}\d{6}(\d{2})?$/);
    expect(rows.some((row) => row.codePermanent!.length === 10)).toBe(true);
  });

  it("keeps fiches unique within a board and at most 7 digits", () => {
    const keys = new Set(rows.map((row) => `${row.boardId}/${row.fiche}`));
    expect(keys.size).toBe(rows.length);
    for (const row of rows) expect(row.fiche).toMatch(/^[1-9]\d{0,6}$/);
  });

  it("puts two guardian emails on some students, and one email on students of two schools and of two boards", () => {
    const perStudent = new Map<number, number>();
    for (const e of emails) perStudent.set(e.studentId, (perStudent.get(e.studentId) ?? 0) + 1);
    const twoEmails = [...perStudent.values()].filter((n) => n === 2).length;
    expect(twoEmails / rows.length).toBeGreaterThan(0.25);

    const studentById = new Map(rows.map((row) => [row.id, row]));
    const schoolsByEmail = new Map<string, Set<number>>();
    const boardsByEmail = new Map<string, Set<number>>();
    for (const e of emails) {
      const student = studentById.get(e.studentId)!;
      schoolsByEmail.set(e.email, (schoolsByEmail.get(e.email) ?? new Set()).add(student.schoolId));
      boardsByEmail.set(e.email, (boardsByEmail.get(e.email) ?? new Set()).add(student.boardId));
    }
    const sameBoardTwoSchools = [...schoolsByEmail].filter(
      ([email, ids]) => ids.size > 1 && boardsByEmail.get(email)!.size === 1,
    );
    expect(sameBoardTwoSchools.length).toBeGreaterThan(0);
    expect([...boardsByEmail.values()].filter((ids) => ids.size > 1).length).toBeGreaterThan(1);
    for (const e of emails) expect(e.email).toBe(e.email.toLowerCase());
    expect(emails.some((e) => e.email.includes("+"))).toBe(true);
    expect(emails.some((e) => e.email.split("@")[0].includes("_"))).toBe(true);
  });

  it("uses names with accents, hyphens, apostrophes and double family names", () => {
    const names = rows.flatMap((row) => [row.lastName, row.firstName]);
    expect(names.some((n) => /[àâçéèêëîïôûüÿæœ]/i.test(n))).toBe(true);
    expect(names.some((n) => n.includes("-"))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(rows.some((row) => / /.test(row.lastName))).toBe(true);
  });

  it("creates the fixed demo student, one staff account per role and the demo parent with the demo password", async () => {
    const [lea] = await db.select().from(students).where(eq(students.fiche, DEMO_STUDENT.fiche));
    expect(lea).toMatchObject({
      lastName: "Côté",
      firstName: "Léa-Rose",
      birthDate: "2015-03-14",
      searchName: "cote lea rose",
    });

    const staff = await db.select().from(staffUsers);
    expect(staff.map((s) => s.role).sort()).toEqual(["admin", "board_support", "privacy_officer", "secretary"]);
    for (const account of staff) expect(await verifyPassword(account.passwordHash!, DEMO_STAFF_PASSWORD)).toBe(true);

    const secretary = staff.find((s) => s.email === DEMO_STAFF.secretary.email)!;
    const assigned = await db
      .select({ code: schools.code })
      .from(staffSchools)
      .innerJoin(schools, eq(schools.id, staffSchools.schoolId))
      .where(eq(staffSchools.staffUserId, secretary.id));
    expect(assigned).toEqual([{ code: DEMO_STUDENT.schoolCode }]);

    const [parent] = await db.select().from(parentAccounts).where(eq(parentAccounts.email, DEMO_PARENT.email));
    expect(await verifyPassword(parent.passwordHash, DEMO_STAFF_PASSWORD)).toBe(true);
    const parentChildren = emails.filter((e) => e.email === DEMO_PARENT.email);
    const parentBoards = new Set(parentChildren.map((e) => rows.find((r) => r.id === e.studentId)!.boardId));
    expect(parentChildren).toHaveLength(2);
    expect(parentBoards.size).toBe(2);
  });
});
