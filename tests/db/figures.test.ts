import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { figuresForStaff, successRate, type Figures } from "@/db/queries/figures";
import type { StaffContext } from "@/db/queries/staff";
import { associations, parentAccounts, type School, type SchoolBoard, type Student } from "@/db/schema";
import { createParent } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent, insertNip } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, recordTestAttempt, secretaryOf } from "@/tests/helpers/staff-fixtures";

// Period: March 2026 in Montréal. Board 1 (schools A, A2), board 2 (school B).
const period = { from: "2026-03-01", to: "2026-03-31" };
const inMarch = new Date("2026-03-10T15:00:00Z");
const before = new Date("2026-02-15T15:00:00Z");
/** 1 March 03:00 UTC is still 28 February in Montréal. */
const lastFebruaryEvening = new Date("2026-03-01T03:00:00Z");

let board1: SchoolBoard, board2: SchoolBoard;
let schoolA: School, schoolA2: School, schoolB: School;
let sA1: Student, sA2: Student, sA2x: Student, sB: Student;
let secretaryA: StaffContext, supportBoard1: StaffContext, admin: StaffContext;

async function parentCreated(email: string, at: Date) {
  const parent = await createParent(email);
  await db.update(parentAccounts).set({ createdAt: at }).where(eq(parentAccounts.id, parent.id));
  return parent;
}

const nameReason = (kind: string) => ({ code: "last_name_differs", field: "lastName", kind, typed: "Cote", expected: "Côté" });
const emailReason = { code: "email_not_on_record", field: "email", kind: "not_listed" };

beforeAll(async () => {
  board1 = await createBoard({ name: "CSS Alpha" });
  board2 = await createBoard({ name: "CSS Bêta" });
  schoolA = await createSchool(board1, { name: "École A" });
  schoolA2 = await createSchool(board1, { name: "École A2" });
  schoolB = await createSchool(board2, { name: "École B" });
  sA1 = await createStudent(schoolA, { guardianEmails: ["p1@exemple.ca"] });
  sA2 = await createStudent(schoolA, { guardianEmails: ["p2@exemple.ca"] });
  sA2x = await createStudent(schoolA2, { guardianEmails: ["p1@exemple.ca"] });
  sB = await createStudent(schoolB, { guardianEmails: ["p3@exemple.ca"] });
  secretaryA = await secretaryOf(schoolA);
  supportBoard1 = await boardSupportOf(board1);
  admin = await anAdmin();

  const p1 = await parentCreated("p1@exemple.ca", inMarch); // on records of A and A2
  const p2 = await parentCreated("p2@exemple.ca", lastFebruaryEvening); // before the period, in local time
  const p3 = await parentCreated("p3@exemple.ca", inMarch); // board 2
  await parentCreated("p4@exemple.ca", inMarch); // on no record: counted nowhere

  await db.insert(associations).values([
    { parentAccountId: p1.id, studentId: sA1.id, method: "match", createdAt: inMarch },
    { parentAccountId: p1.id, studentId: sA2x.id, method: "nip", createdAt: inMarch },
    { parentAccountId: p2.id, studentId: sA2.id, method: "match", createdAt: before },
    { parentAccountId: p3.id, studentId: sB.id, method: "match", createdAt: inMarch, revokedAt: new Date("2026-03-20T15:00:00Z") },
  ]);

  const attempt = (values: Parameters<typeof recordTestAttempt>[0]) => recordTestAttempt({ createdAt: inMarch, ...values });
  await attempt({ parentAccountId: p1.id, boardId: board1.id, candidateStudentId: sA1.id, success: true, reasons: [nameReason("accents")] });
  await attempt({ parentAccountId: p1.id, boardId: board1.id, candidateStudentId: sA1.id, reasons: [nameReason("other")] });
  await attempt({ parentAccountId: p1.id, boardId: board1.id, candidateStudentId: sA1.id, reasons: [emailReason, nameReason("accents")] });
  await attempt({
    parentAccountId: p1.id,
    boardId: board1.id,
    reasons: [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "999" }],
  });
  await attempt({ parentAccountId: p3.id, boardId: board2.id, candidateStudentId: sB.id, reasons: [emailReason] });
  await attempt({ parentAccountId: p2.id, boardId: board1.id, candidateStudentId: sA2.id, reasons: [emailReason], createdAt: before });

  await insertNip(sA2, "AAAAAAAA", { createdAt: inMarch });
  await insertNip(sA2, "BBBBBBBB", { createdAt: inMarch });
  await insertNip(sB, "CCCCCCCC", { createdAt: inMarch });
  await insertNip(sA1, "DDDDDDDD", { createdAt: before });
});

const unit = (figures: Figures, key: string) => {
  const found = figures.units.find((u) => u.key === key);
  if (!found) throw new Error(`no unit ${key}`);
  const { accountsCreated, childrenAssociated, attempts, successfulAttempts, nipsIssued } = found;
  return { accountsCreated, childrenAssociated, attempts, successfulAttempts, nipsIssued };
};

describe("figures", () => {
  it("counts per board for an admin, with distinct totals and the blocking failure reasons", async () => {
    const figures = await figuresForStaff(admin.scope, period);
    expect(figures.level).toBe("boards");
    expect(unit(figures, `board:${board1.id}`)).toEqual({ accountsCreated: 1, childrenAssociated: 2, attempts: 4, successfulAttempts: 1, nipsIssued: 2 });
    expect(unit(figures, `board:${board2.id}`)).toEqual({ accountsCreated: 1, childrenAssociated: 1, attempts: 1, successfulAttempts: 0, nipsIssued: 1 });
    expect(figures.totals).toEqual({ accountsCreated: 2, childrenAssociated: 3, attempts: 5, successfulAttempts: 1, alreadyAssociatedAttempts: 0, nipsIssued: 3 });
    expect(successRate(figures.totals)).toBeCloseTo(0.2);
    expect(figures.topFailureReasons).toEqual([
      { code: "email_not_on_record", attempts: 2 },
      { code: "last_name_differs", attempts: 1 },
      { code: "student_not_found", attempts: 1 },
    ]);
  });

  it("counts per school for a board's support, attempts that found no student on a row of their own", async () => {
    const figures = await figuresForStaff(supportBoard1.scope, period);
    expect(figures.level).toBe("schools");
    expect(unit(figures, `school:${schoolA.id}`)).toEqual({ accountsCreated: 1, childrenAssociated: 1, attempts: 3, successfulAttempts: 1, nipsIssued: 2 });
    expect(unit(figures, `school:${schoolA2.id}`)).toEqual({ accountsCreated: 1, childrenAssociated: 1, attempts: 0, successfulAttempts: 0, nipsIssued: 0 });
    expect(unit(figures, `board:${board1.id}:none`)).toMatchObject({ attempts: 1, successfulAttempts: 0 });
    expect(figures.units.some((u) => u.schoolId === schoolB.id)).toBe(false);
    expect(figures.totals).toEqual({ accountsCreated: 1, childrenAssociated: 2, attempts: 4, successfulAttempts: 1, alreadyAssociatedAttempts: 0, nipsIssued: 2 });
  });

  it("shows an admin who picks a board what that board's support sees", async () => {
    const picked = await figuresForStaff(admin.scope, period, { boardId: board1.id });
    expect(picked).toEqual(await figuresForStaff(supportBoard1.scope, period));
  });

  it("limits a secretary to her school", async () => {
    const figures = await figuresForStaff(secretaryA.scope, period);
    expect(figures.units.map((u) => u.key)).toEqual([`school:${schoolA.id}`]);
    expect(figures.totals).toEqual({ accountsCreated: 1, childrenAssociated: 1, attempts: 3, successfulAttempts: 1, alreadyAssociatedAttempts: 0, nipsIssued: 2 });
    expect(figures.topFailureReasons).toEqual([
      { code: "email_not_on_record", attempts: 1 },
      { code: "last_name_differs", attempts: 1 },
    ]);
    expect(await figuresForStaff(secretaryA.scope, period, { boardId: board2.id })).toEqual(figures);
  });

  it("counts the days of the period in the schools' time zone", async () => {
    const february = await figuresForStaff(admin.scope, { from: "2026-02-01", to: "2026-02-28" });
    expect(february.totals).toEqual({ accountsCreated: 1, childrenAssociated: 1, attempts: 1, successfulAttempts: 0, alreadyAssociatedAttempts: 0, nipsIssued: 1 });
    expect(successRate(february.totals)).toBe(0);
    expect(successRate({ attempts: 0, successfulAttempts: 0 })).toBeNull();
  });
});
