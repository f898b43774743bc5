// A parent who submits again a child already associated with their account was refused nothing: the attempt has
// its own outcome and stays out of the failures list, today's failures, the figures' failures and success rate,
// and the attempt limit.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { associateByMatch, type MatchInput } from "@/db/queries/associations";
import { searchAttemptsForStaff } from "@/db/queries/attempts";
import { dashboardFigures } from "@/db/queries/dashboard";
import { figuresForStaff } from "@/db/queries/figures";
import type { StaffContext } from "@/db/queries/staff";
import { associationAttempts, type Student } from "@/db/schema";
import { attemptOutcome } from "@/lib/association/attempt-outcome";
import { isoDateIn } from "@/lib/birth-date";
import { timeZone } from "@/lib/i18n/locale";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { boardSupportOf } from "@/tests/helpers/staff-fixtures";

const client = { ip: "203.0.113.31", userAgent: "vitest" };
let parent: Awaited<ReturnType<typeof createParent>>;
let student: Student;
let sibling: Student;
let support: StaffContext;

function input(overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    parentAccountId: parent.id,
    accountEmail: parent.email,
    boardId: student.boardId,
    lastName: student.lastName,
    firstName: student.firstName,
    birthDate: student.birthDate,
    identifier: student.fiche,
    ...client,
    ...overrides,
  };
}

function siblingInput(overrides: Partial<MatchInput> = {}): MatchInput {
  return input({
    lastName: sibling.lastName,
    firstName: sibling.firstName,
    birthDate: sibling.birthDate,
    identifier: sibling.fiche,
    ...overrides,
  });
}

beforeAll(async () => {
  const { board, school } = await createBoardWithSchool();
  parent = await createParent("deja.associe@exemple.ca");
  student = await createStudent(school, { guardianEmails: [parent.email] });
  sibling = await createStudent(school, { guardianEmails: [parent.email], birthDate: "2017-05-05" });
  support = await boardSupportOf(board);
  expect((await associateByMatch(input())).ok).toBe(true);
  // The parent comes back a few times and submits the same child again.
  for (let i = 0; i < 6; i++) {
    expect(await associateByMatch(input())).toMatchObject({ ok: false, messageKey: "errors.alreadyAssociated" });
  }
  // And one real failure (a sibling's wrong birth date), for comparison.
  expect((await associateByMatch(siblingInput({ birthDate: "2017-05-06" }))).ok).toBe(false);
});

describe("a re-submission of an already associated child", () => {
  it("is stored with its own outcome", async () => {
    const rows = await db.select().from(associationAttempts).where(eq(associationAttempts.parentAccountId, parent.id));
    const outcomes = rows.map((r) => r.outcome).sort();
    expect(outcomes).toEqual([...Array(6).fill("already_associated"), "associated", "refused"]);
    for (const row of rows) expect(row.outcome).toBe(attemptOutcome(row));
  });

  it("is not in the failures list, and shows as its own outcome when every attempt is listed", async () => {
    const failures = await searchAttemptsForStaff(support.scope, {});
    expect(failures.rows.map((r) => r.outcome)).toEqual(["refused"]);
    const all = await searchAttemptsForStaff(support.scope, { outcome: "all" });
    expect(all.rows.filter((r) => r.outcome === "already_associated")).toHaveLength(6);
  });

  it("is not one of today's failures", async () => {
    expect((await dashboardFigures(support.scope)).failedToday).toBe(1);
  });

  it("is counted apart in the figures: not a failure reason, not in the success rate", async () => {
    const today = isoDateIn(timeZone, new Date());
    const figures = await figuresForStaff(support.scope, { from: today, to: today });
    expect(figures.totals).toMatchObject({ attempts: 2, successfulAttempts: 1, alreadyAssociatedAttempts: 6 });
    expect(figures.topFailureReasons.map((r) => r.code)).toEqual(["birth_date_differs"]);
  });

  it("does not count towards the attempt limit", async () => {
    // Six re-submissions and one failure: under a limit of 2 failures, a new attempt is still judged.
    const outcome = await associateByMatch(siblingInput({ birthDate: "2017-05-07" }), {
      failuresPerHourPerAccount: 2,
      failuresPerHourPerIp: 100,
    });
    expect(outcome.ok ? [] : outcome.reasons.map((r) => r.code)).toEqual(["birth_date_differs"]);
  });
});
