// Which password rule applies where: a board's composition setting, the strictest of a parent's boards, a staff
// member's board; and the setting itself (scoped to the board support's board, audited, range checked).
import { beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import {
  passwordPolicyForBoard,
  passwordPolicyForParent,
  passwordPolicyForParentEmail,
  passwordPolicyForStaff,
  platformPasswordPolicy,
  signupBoardByCode,
} from "@/db/queries/password-policy";
import { setBoardPasswordRule } from "@/db/queries/staff-admin";
import { associations, auditLog, parentAccounts, schoolBoards, type School, type SchoolBoard } from "@/db/schema";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, createStaff, secretaryOf } from "@/tests/helpers/staff-fixtures";

let run = 0;
let guides: { board: SchoolBoard; school: School };
let mixTwo: { board: SchoolBoard; school: School };
let open: { board: SchoolBoard; school: School };

beforeEach(async () => {
  run += 1;
  guides = await createBoardWithSchool({ passwordMinClasses: 3 });
  mixTwo = await createBoardWithSchool({ passwordMinClasses: 2 });
  open = await createBoardWithSchool();
});

async function associate(parentAccountId: string, school: School, revoked = false) {
  const student = await createStudent(school);
  await db.insert(associations).values({ parentAccountId, studentId: student.id, method: "match", revokedAt: revoked ? new Date() : null });
}

describe("the default rule", () => {
  it("is 12 characters with no composition rule, and a new board asks for none", async () => {
    expect(platformPasswordPolicy).toEqual({ minLength: 12, minClasses: 0, maxLength: 128 });
    expect(open.board.passwordMinClasses).toBe(0);
    expect(await passwordPolicyForBoard(null)).toEqual(platformPasswordPolicy);
    expect(await passwordPolicyForBoard(open.board.id)).toEqual(platformPasswordPolicy);
    expect(await passwordPolicyForBoard(guides.board.id)).toEqual({ ...platformPasswordPolicy, minClasses: 3 });
  });

  it("refuses a composition rule outside 0-4 in the database", async () => {
    for (const value of [-1, 5]) {
      await expect(db.update(schoolBoards).set({ passwordMinClasses: value }).where(eq(schoolBoards.id, open.board.id))).rejects.toThrow();
    }
  });
});

describe("a sign-up link's board", () => {
  it("is found by its code in any case, only while subscribed", async () => {
    expect(await signupBoardByCode(guides.board.code.toLowerCase())).toEqual({ id: guides.board.id, code: guides.board.code, name: guides.board.name });
    expect(await signupBoardByCode(` ${guides.board.code} `)).toMatchObject({ id: guides.board.id });
    await db.update(schoolBoards).set({ subscribed: false }).where(eq(schoolBoards.id, guides.board.id));
    expect(await signupBoardByCode(guides.board.code)).toBeNull();
    expect(await signupBoardByCode("inconnu")).toBeNull();
    expect(await signupBoardByCode("x".repeat(500))).toBeNull();
    expect(await signupBoardByCode(undefined)).toBeNull();
  });
});

describe("a parent's rule", () => {
  it("is the platform's without children nor sign-up board", async () => {
    const parent = await createParent(`sans-enfant${run}@exemple.ca`);
    expect(await passwordPolicyForParent(parent.id)).toEqual(platformPasswordPolicy);
    expect(await passwordPolicyForParentEmail(parent.email)).toEqual(platformPasswordPolicy);
    expect(await passwordPolicyForParentEmail(`personne${run}@exemple.ca`)).toEqual(platformPasswordPolicy);
  });

  it("is the strictest among the boards of the associated children", async () => {
    const parent = await createParent(`deux-organismes${run}@exemple.ca`);
    await associate(parent.id, open.school);
    await associate(parent.id, mixTwo.school);
    expect((await passwordPolicyForParent(parent.id)).minClasses).toBe(2);
    await associate(parent.id, guides.school);
    expect((await passwordPolicyForParent(parent.id)).minClasses).toBe(3);
    expect((await passwordPolicyForParentEmail(parent.email)).minClasses).toBe(3);
  });

  it("ignores revoked associations and counts the board the parent signed up from", async () => {
    const parent = await createParent(`revoquee${run}@exemple.ca`);
    await associate(parent.id, guides.school, true);
    expect((await passwordPolicyForParent(parent.id)).minClasses).toBe(0);
    await db.update(parentAccounts).set({ signupBoardId: mixTwo.board.id }).where(eq(parentAccounts.id, parent.id));
    expect((await passwordPolicyForParent(parent.id)).minClasses).toBe(2);
  });

  it("follows a board's change of setting", async () => {
    const parent = await createParent(`changement${run}@exemple.ca`);
    await associate(parent.id, open.school);
    const admin = await anAdmin();
    expect((await setBoardPasswordRule(admin.staff, open.board.id, 4)).ok).toBe(true);
    expect((await passwordPolicyForParent(parent.id)).minClasses).toBe(4);
  });
});

describe("a staff member's rule", () => {
  it("is their board's; a secretary's schools' board counts; admins get the platform's", async () => {
    const support = await boardSupportOf(guides.board);
    expect((await passwordPolicyForStaff(support.staff.id)).minClasses).toBe(3);
    const secretary = await secretaryOf(mixTwo.school);
    expect((await passwordPolicyForStaff(secretary.staff.id)).minClasses).toBe(2);
    const schoolsOnly = await createStaff("secretary", { boardId: null, schoolIds: [guides.school.id] });
    expect((await passwordPolicyForStaff(schoolsOnly.staff.id)).minClasses).toBe(3);
    const openSecretary = await secretaryOf(await createSchool(open.board));
    expect(await passwordPolicyForStaff(openSecretary.staff.id)).toEqual(platformPasswordPolicy);
    const admin = await anAdmin();
    expect(await passwordPolicyForStaff(admin.staff.id)).toEqual(platformPasswordPolicy);
  });
});

describe("the board setting", () => {
  const auditsOf = (boardId: number) =>
    db.select().from(auditLog).where(and(eq(auditLog.action, "board.password_rule_changed"), eq(auditLog.boardId, boardId)));
  const ruleOf = async (boardId: number) =>
    (await db.select({ value: schoolBoards.passwordMinClasses }).from(schoolBoards).where(eq(schoolBoards.id, boardId)))[0]!.value;

  it("board support changes their own board's rule, with an audit row of the before and after", async () => {
    const support = await boardSupportOf(open.board);
    expect(await setBoardPasswordRule(support.staff, open.board.id, 3)).toEqual({ ok: true, value: undefined });
    expect(await ruleOf(open.board.id)).toBe(3);
    const audits = await auditsOf(open.board.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorStaffId: support.staff.id, details: { minClasses: 3, previousMinClasses: 0 } });
    expect(await setBoardPasswordRule(support.staff, open.board.id, 3)).toEqual({ ok: false, reason: "unchanged" });
    expect(await auditsOf(open.board.id)).toHaveLength(1);
  });

  it("board support of one board cannot change another's; secretaries and privacy officers cannot change any", async () => {
    const support = await boardSupportOf(open.board);
    expect(await setBoardPasswordRule(support.staff, guides.board.id, 0)).toEqual({ ok: false, reason: "notFound" });
    const secretary = await secretaryOf(guides.school);
    expect(await setBoardPasswordRule(secretary.staff, guides.board.id, 0)).toEqual({ ok: false, reason: "notFound" });
    const officer = await createStaff("privacy_officer", { boardId: guides.board.id });
    expect(await setBoardPasswordRule(officer.staff, guides.board.id, 0)).toEqual({ ok: false, reason: "notFound" });
    expect(await ruleOf(guides.board.id)).toBe(3);
    expect(await auditsOf(guides.board.id)).toHaveLength(0);
  });

  it("a platform admin changes any board's rule; an unknown board or a value out of range changes nothing", async () => {
    const admin = await anAdmin();
    expect((await setBoardPasswordRule(admin.staff, guides.board.id, 0)).ok).toBe(true);
    expect(await ruleOf(guides.board.id)).toBe(0);
    expect(await setBoardPasswordRule(admin.staff, 2_000_000_000, 3)).toEqual({ ok: false, reason: "notFound" });
    await expect(setBoardPasswordRule(admin.staff, guides.board.id, 7)).rejects.toThrow();
    expect(await ruleOf(guides.board.id)).toBe(0);
    expect(await auditsOf(guides.board.id)).toHaveLength(1);
  });
});
