import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { figuresForStaff } from "@/db/queries/figures";
import { purgeExpiredData, setBoardRetention } from "@/db/queries/retention";
import {
  associationAttempts,
  auditLog,
  authEvents,
  boardRetention,
  nips,
  dailyFigures,
  supportTickets,
  verificationCodes,
  type School,
  type SchoolBoard,
  type Student,
} from "@/db/schema";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent, insertNip } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, createStaff, recordTestAttempt } from "@/tests/helpers/staff-fixtures";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

let board: SchoolBoard;
let school: School;
let student: Student;
let run = 0;

beforeEach(async () => {
  run += 1;
  ({ board, school } = await createBoardWithSchool());
  student = await createStudent(school, { guardianEmails: [`retention${run}@exemple.ca`] });
});

async function attemptsOf(ids: string[]) {
  return db.select({ id: associationAttempts.id }).from(associationAttempts).where(inArray(associationAttempts.id, ids));
}

/** Runs until the purge takes the lock (a run started by another test file's server cannot hold it here). */
async function purge() {
  const result = await purgeExpiredData();
  if (!result.ran) throw new Error("purge did not run");
  return result;
}

describe("retention purge", () => {
  it("deletes attempts past the board's period, keeps the recent ones, and the figures still count the old days", async () => {
    const parent = await createParent(`purge${run}@exemple.ca`);
    const oldDay = ago(400);
    const old = [
      await recordTestAttempt({ parentAccountId: parent.id, boardId: board.id, candidateStudentId: student.id, createdAt: oldDay }),
      await recordTestAttempt({ parentAccountId: parent.id, boardId: board.id, candidateStudentId: student.id, createdAt: oldDay, success: true, reasons: [] }),
    ];
    const recent = await recordTestAttempt({ parentAccountId: parent.id, boardId: board.id, candidateStudentId: student.id, createdAt: ago(30) });
    const support = await boardSupportOf(board);
    const period = { from: isoDay(ago(405)), to: isoDay(ago(395)) };
    const before = await figuresForStaff(support.scope, period);
    expect(before.totals).toMatchObject({ attempts: 2, successfulAttempts: 1 });

    const result = await purge();
    expect(result.counts.attempts).toBeGreaterThanOrEqual(2);
    expect(await attemptsOf(old.map((a) => a.id))).toEqual([]);
    expect(await attemptsOf([recent.id])).toHaveLength(1);

    const after = await figuresForStaff(support.scope, period);
    expect(after.totals).toEqual(before.totals);
    expect(after.units.find((u) => u.schoolId === school.id)).toMatchObject({ attempts: 2, successfulAttempts: 1 });
    expect(after.topFailureReasons).toEqual(before.topFailureReasons);

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.id, result.auditId));
    expect(audit).toMatchObject({ action: "retention.purged", actorStaffId: null });
    expect((audit!.details as { attempts: number }).attempts).toBe(result.counts.attempts);
  });

  it("follows the board's own period", async () => {
    const officer = await createStaff("privacy_officer", { boardId: board.id });
    expect(await setBoardRetention(officer.scope, officer.staff, { boardId: board.id, attemptsMonths: 24, resolvedTicketsMonths: 36 })).toMatchObject({ ok: true });
    const parent = await createParent(`garde${run}@exemple.ca`);
    const kept = await recordTestAttempt({ parentAccountId: parent.id, boardId: board.id, createdAt: ago(400) });
    const gone = await recordTestAttempt({ parentAccountId: parent.id, boardId: board.id, createdAt: ago(800) });
    await purge();
    expect(await attemptsOf([kept.id])).toHaveLength(1);
    expect(await attemptsOf([gone.id])).toEqual([]);

    // Only the officer (of that board) or an admin sets it; each change is audited.
    const support = await boardSupportOf(board);
    expect(await setBoardRetention(support.scope, support.staff, { boardId: board.id, attemptsMonths: 1, resolvedTicketsMonths: 1 })).toEqual({ ok: false, reason: "forbidden" });
    const [row] = await db.select().from(boardRetention).where(eq(boardRetention.boardId, board.id));
    expect(row).toMatchObject({ attemptsMonths: 24, resolvedTicketsMonths: 36 });
    expect(await db.$count(auditLog, eq(auditLog.action, "retention.settings_changed"))).toBeGreaterThanOrEqual(1);
    await expect(db.update(boardRetention).set({ attemptsMonths: 0 }).where(eq(boardRetention.boardId, board.id))).rejects.toThrow();
    const admin = await anAdmin();
    expect(await setBoardRetention(admin.scope, admin.staff, { boardId: board.id, attemptsMonths: 12, resolvedTicketsMonths: 24 })).toMatchObject({ ok: true });
  });

  it("deletes expired codes and NIPs after 30 days, old sign-in events and old resolved tickets, and keeps the rest", async () => {
    const email = `codes${run}@exemple.ca`;
    const code = (expiresAt: Date) => ({
      email, purpose: "signup" as const, codeHash: `h-${Math.random()}`, linkTokenHash: `l-${Math.random()}`, flowTokenHash: "f", maxAttempts: 5, expiresAt,
    });
    const [oldCode, freshCode] = await db.insert(verificationCodes).values([code(ago(40)), code(ago(2))]).returning({ id: verificationCodes.id });
    const oldNip = await insertNip(student, "OLDNIP01", { expiresAt: ago(45) });
    const liveNip = await insertNip(student, "LIVENIP1", { expiresAt: ago(1) });
    const [oldEvent, newEvent] = await db
      .insert(authEvents)
      .values([
        { subject: "parent", kind: "signin", email, success: false, createdAt: ago(400) },
        { subject: "parent", kind: "signin", email, success: true, createdAt: ago(3) },
      ])
      .returning({ id: authEvents.id });
    const ticket = (status: "resolved" | "open", at: Date) => ({ email, boardId: board.id, message: "Aide", status, resolvedAt: status === "resolved" ? at : null, updatedAt: at });
    const [oldResolved, oldOpen, newResolved] = await db
      .insert(supportTickets)
      .values([ticket("resolved", ago(800)), ticket("open", ago(800)), ticket("resolved", ago(20))])
      .returning({ id: supportTickets.id });

    const nipsBefore = await figuresForStaff((await boardSupportOf(board)).scope, { from: isoDay(ago(60)), to: isoDay(new Date()) });
    await purge();
    const ids = async (table: typeof verificationCodes | typeof nips | typeof supportTickets, list: string[]) =>
      (await db.select({ id: table.id }).from(table).where(inArray(table.id, list))).map((r) => r.id).sort();
    expect(await ids(verificationCodes, [oldCode!.id, freshCode!.id])).toEqual([freshCode!.id]);
    expect(await ids(nips, [oldNip.id, liveNip.id])).toEqual([liveNip.id]);
    expect(await ids(supportTickets, [oldResolved!.id, oldOpen!.id, newResolved!.id])).toEqual([oldOpen!.id, newResolved!.id].sort());
    const events = await db.select({ id: authEvents.id }).from(authEvents).where(inArray(authEvents.id, [oldEvent!.id, newEvent!.id]));
    expect(events.map((e) => e.id)).toEqual([newEvent!.id]);
    // The purged NIP still counts as issued on its day.
    const nipsAfter = await figuresForStaff((await boardSupportOf(board)).scope, { from: isoDay(ago(60)), to: isoDay(new Date()) });
    expect(nipsAfter.totals.nipsIssued).toBe(nipsBefore.totals.nipsIssued);
  });

  it("purges each row once when two runs start together, and leaves nothing that should go", async () => {
    const parent = await createParent(`concurrent${run}@exemple.ca`);
    const old = [];
    for (let i = 0; i < 6; i++) {
      old.push(await recordTestAttempt({ parentAccountId: parent.id, boardId: board.id, candidateStudentId: student.id, createdAt: ago(500 + i) }));
    }
    // The board's per-day totals (its board rows): the attempts were counted when written.
    const counted = async () =>
      (
        await db
          .select({ n: sql<number>`coalesce(sum(${dailyFigures.attempts} + ${dailyFigures.alreadyAssociatedAttempts}), 0)::int` })
          .from(dailyFigures)
          .where(and(eq(dailyFigures.boardId, board.id), eq(dailyFigures.schoolId, 0)))
      )[0]!.n;
    const before = await counted();
    const results = await Promise.all([purgeExpiredData(), purgeExpiredData()]);
    const ran = results.filter((r) => r.ran);
    expect(ran.length).toBeGreaterThanOrEqual(1);
    const purgedAttempts = ran.reduce((sum, r) => sum + (r.ran ? r.counts.attempts : 0), 0);
    expect(purgedAttempts).toBeGreaterThanOrEqual(6);
    expect(await attemptsOf(old.map((a) => a.id))).toEqual([]);
    // Still counted, once: the purge neither removes them from the totals nor adds them again.
    expect(before).toBeGreaterThanOrEqual(6);
    expect(await counted()).toBe(before);
  });
});
