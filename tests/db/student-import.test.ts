import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { associations, auditLog, guardianEmails, importRuns, students } from "@/db/schema";
import { applyImport, dryRunImport, listImportRuns, startImportRun } from "@/db/queries/student-import";
import { importCsvLine, importHeaderLine, type ImportRowValues } from "@/lib/import/columns";
import { createBoardWithSchool, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, secretaryOf } from "@/tests/helpers/staff-fixtures";
import { createParent } from "@/tests/helpers/accounts";
import { importRow } from "@/tests/helpers/import-rows";
import type { StaffContext } from "@/db/queries/staff";

const NOW = new Date("2026-11-15T15:00:00Z");

function csv(rows: ImportRowValues[], delimiter: "," | ";" = ","): Uint8Array {
  return new TextEncoder().encode([importHeaderLine(delimiter), ...rows.map((r) => importCsvLine(r, delimiter))].join("\r\n") + "\r\n");
}

async function* chunks(bytes: Uint8Array, size = 64) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function dryRun(staff: StaffContext, boardId: number | null, bytes: Uint8Array) {
  const started = await startImportRun({ scope: staff.scope, staffId: staff.staff.id, boardId, fileName: "eleves.csv" });
  if (!started.ok) throw new Error(started.error);
  return dryRunImport({ scope: staff.scope, runId: started.runId, source: chunks(bytes), now: NOW });
}

async function importFile(staff: StaffContext, boardId: number | null, bytes: Uint8Array) {
  const run = await dryRun(staff, boardId, bytes);
  expect(run.status).toBe("ready");
  const applied = await applyImport({ scope: staff.scope, staffId: staff.staff.id, runId: run.id });
  if (!applied.ok) throw new Error(applied.error);
  return applied;
}

/** The database server's clock, which the apply's now() reads. */
async function databaseNow(): Promise<Date> {
  const result = await db.execute(sql`select now()::text as now`);
  const rows = ("rows" in result ? result.rows : result) as unknown as { now: string }[];
  return new Date(rows[0]!.now);
}

async function emailsOf(studentId: number) {
  const rows = await db.select().from(guardianEmails).where(eq(guardianEmails.studentId, studentId)).orderBy(guardianEmails.position);
  return rows.map((r) => r.email);
}

describe("student record import", () => {
  it("reports new, changed and disappeared students in a dry run without changing anything", async () => {
    const { board, school } = await createBoardWithSchool();
    const staying = await createStudent(school, { fiche: "1000001", guardianEmails: ["parent@example.ca"] });
    const leaving = await createStudent(school, { fiche: "1000002", lastName: "Gagnon" });
    const support = await boardSupportOf(board);
    const before = await db.select().from(students).orderBy(students.id);

    const run = await dryRun(support, board.id, csv([
      importRow(board, school, { fiche: "1000001", courriel_1: "autre@example.ca" }),
      importRow(board, school, { fiche: "1000003", nom: "Tremblay" }),
    ]));

    expect(run.status).toBe("ready");
    expect(run.counts).toMatchObject({
      lines: 2, valid: 2, rejected: 0, newStudents: 1, changedStudents: 0, guardianEmailChanges: 1, disappeared: 1, unchanged: 0,
    });
    expect(run.changesSample?.disappeared.map((s) => s.fiche)).toEqual([leaving.fiche]);
    expect(run.changesSample?.guardianEmails[0]).toMatchObject({ fiche: "1000001", before: ["parent@example.ca"], after: ["autre@example.ca"] });
    expect(await db.select().from(students).orderBy(students.id)).toEqual(before);
    expect(await emailsOf(staying.id)).toEqual(["parent@example.ca"]);
  });

  it("counts and applies a change of school and name, and leaves the student's id and association as they were", async () => {
    const { board, school } = await createBoardWithSchool();
    const otherSchool = await createSchool(board);
    const student = await createStudent(school, { fiche: "20", lastName: "Roy" });
    const parent = await createParent("parent-change@example.ca");
    await db.insert(associations).values({ parentAccountId: parent.id, studentId: student.id, method: "match" });
    const admin = await anAdmin();

    const run = await dryRun(admin, board.id, csv([importRow(board, otherSchool, { fiche: "20", nom: "Roy-Tremblay" })]));
    expect(run.counts).toMatchObject({ newStudents: 0, changedStudents: 1, unchanged: 0 });
    expect(run.changesSample?.changedStudents[0]?.fields).toEqual(["school", "lastName"]);
    await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id });

    const [after] = await db.select().from(students).where(eq(students.id, student.id));
    expect(after).toMatchObject({ schoolId: otherSchool.id, lastName: "Roy-Tremblay", searchName: "roy tremblay lea rose" });
    expect(await db.$count(associations, eq(associations.studentId, student.id))).toBe(1);
  });

  it("inserts new students with their guardian emails and search name on apply", async () => {
    const { board, school } = await createBoardWithSchool();
    const admin = await anAdmin();
    const { counts } = await importFile(admin, board.id, csv([
      importRow(board, school, { fiche: "e0042", code_permanent: "trem 1503 1401", nom: "Tremblay-Gagnon", prenom: "Marie-Ève", courriel_1: "Parent.Un@Example.ca", courriel_2: "parent2+ecole@example.ca" }),
    ]));
    expect(counts.newStudents).toBe(1);
    const [student] = await db.select().from(students).where(eq(students.boardId, board.id));
    expect(student).toMatchObject({ fiche: "42", codePermanent: "TREM15031401", searchName: "tremblay gagnon marie eve", schoolId: school.id, archivedAt: null });
    expect(await emailsOf(student!.id)).toEqual(["parent.un@example.ca", "parent2+ecole@example.ca"]);
  });

  it("changes nothing when the same file is applied a second time", async () => {
    const { board, school } = await createBoardWithSchool();
    await createStudent(school, { fiche: "7", guardianEmails: ["old@example.ca"] });
    const admin = await anAdmin();
    const file = csv([
      importRow(board, school, { fiche: "7", courriel_1: "new@example.ca" }),
      importRow(board, school, { fiche: "8", prenom: "Noah" }),
    ]);
    await importFile(admin, board.id, file);
    const studentsAfterFirst = await db.select().from(students).orderBy(students.id);
    const emailsAfterFirst = await db.select().from(guardianEmails).orderBy(guardianEmails.id);
    const emailAudits = and(eq(auditLog.action, "import.guardian_emails_changed"), eq(auditLog.boardId, board.id));
    const auditAfterFirst = await db.$count(auditLog, emailAudits);

    const second = await importFile(admin, board.id, file);

    expect(second.counts).toMatchObject({ newStudents: 0, changedStudents: 0, guardianEmailChanges: 0, disappeared: 0, unchanged: 2 });
    expect(await db.select().from(students).orderBy(students.id)).toEqual(studentsAfterFirst);
    expect(await db.select().from(guardianEmails).orderBy(guardianEmails.id)).toEqual(emailsAfterFirst);
    expect(await db.$count(auditLog, emailAudits)).toBe(auditAfterFirst);
    expect(await db.$count(auditLog, and(eq(auditLog.action, "import.applied"), eq(auditLog.boardId, board.id)))).toBe(2);
  });

  it("writes an audit row with before and after for a student whose guardian emails changed", async () => {
    const { board, school } = await createBoardWithSchool();
    const student = await createStudent(school, { fiche: "55", guardianEmails: ["maman@example.ca", "papa@example.ca"] });
    const untouched = await createStudent(school, { fiche: "56", guardianEmails: ["x@example.ca"] });
    const support = await boardSupportOf(board);

    const { run } = await importFile(support, board.id, csv([
      importRow(board, school, { fiche: "55", courriel_1: "maman@example.ca", courriel_2: "beau-pere@example.ca" }),
      importRow(board, school, { fiche: "56", courriel_1: "x@example.ca" }),
    ]));

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "import.guardian_emails_changed"), eq(auditLog.boardId, board.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorStaffId: support.staff.id,
      studentId: student.id,
      boardId: board.id,
      schoolId: school.id,
      details: { importRunId: run.id, line: 2, before: ["maman@example.ca", "papa@example.ca"], after: ["maman@example.ca", "beau-pere@example.ca"] },
    });
    expect(await emailsOf(student.id)).toEqual(["maman@example.ca", "beau-pere@example.ca"]);
    expect(await emailsOf(untouched.id)).toEqual(["x@example.ca"]);
    const [summary] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "import.applied"), eq(auditLog.boardId, board.id)));
    expect(summary).toMatchObject({ actorStaffId: support.staff.id, boardId: board.id });
  });

  it("archives a student who disappeared from the file and keeps their association", async () => {
    const { board, school } = await createBoardWithSchool();
    const kept = await createStudent(school, { fiche: "1" });
    const gone = await createStudent(school, { fiche: "2" });
    const parent = await createParent("parent-archive@example.ca");
    await db.insert(associations).values({ parentAccountId: parent.id, studentId: gone.id, method: "match" });
    const admin = await anAdmin();

    const run = await dryRun(admin, board.id, csv([importRow(board, school, { fiche: "1" })]));
    const applyStarted = await databaseNow();
    const applied = await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id });
    const applyEnded = await databaseNow();
    if (!applied.ok) throw new Error(applied.error);

    expect(applied.counts.disappeared).toBe(1);
    const [archived] = await db.select().from(students).where(eq(students.id, gone.id));
    // Stamped by the apply itself, with the database's clock (not the dry run's, nor the test's fixed NOW).
    expect(archived!.archivedAt!.getTime()).toBeGreaterThanOrEqual(applyStarted.getTime());
    expect(archived!.archivedAt!.getTime()).toBeLessThanOrEqual(applyEnded.getTime());
    const [stillHere] = await db.select().from(students).where(eq(students.id, kept.id));
    expect(stillHere!.archivedAt).toBeNull();
    expect(await db.$count(associations, eq(associations.studentId, gone.id))).toBe(1);

    // The student comes back in a later file: restored, same id, same association.
    const again = await importFile(admin, board.id, csv([importRow(board, school, { fiche: "1" }), importRow(board, school, { fiche: "2" })]));
    expect(again.counts.restoredStudents).toBe(1);
    const [restored] = await db.select().from(students).where(eq(students.id, gone.id));
    expect(restored!.archivedAt).toBeNull();
  });

  it("rejects every line of a fiche that appears twice and leaves that student as it was", async () => {
    const { board, school } = await createBoardWithSchool();
    const student = await createStudent(school, { fiche: "300", lastName: "Roy" });
    const admin = await anAdmin();

    const run = await dryRun(admin, board.id, csv([
      importRow(board, school, { fiche: "300", nom: "Roy" }),
      importRow(board, school, { fiche: "301" }),
      importRow(board, school, { fiche: "0300", nom: "Leroy" }),
    ]));

    expect(run.counts).toMatchObject({ valid: 1, rejected: 2, rejectedByReason: { duplicate_fiche: 2 }, disappeared: 0 });
    expect(run.rejectedSample.map((r) => [r.line, r.reason])).toEqual([[2, "duplicate_fiche"], [4, "duplicate_fiche"]]);
    await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id });
    const [after] = await db.select().from(students).where(eq(students.id, student.id));
    expect(after).toMatchObject({ lastName: "Roy", archivedAt: null });
  });

  it("keeps the good lines and reports each bad one with its line number and reason", async () => {
    const { board, school } = await createBoardWithSchool();
    const existing = await createStudent(school, { fiche: "400", guardianEmails: ["ok@example.ca"] });
    const admin = await anAdmin();

    const run = await dryRun(admin, board.id, csv([
      importRow(board, school, { fiche: "401" }),
      importRow(board, school, { fiche: "40x1" }),
      importRow(board, school, { fiche: "400", courriel_1: "pas-un-courriel" }),
      importRow(board, school, { fiche: "403", date_naissance: "2015-02-30" }),
      importRow(board, school, { fiche: "404", code_permanent: "ABC" }),
      importRow(board, { code: "999" }, { fiche: "405" }),
    ]));

    expect(run.counts).toMatchObject({
      valid: 1,
      rejected: 5,
      rejectedByReason: { bad_fiche: 1, bad_email: 1, bad_date: 1, bad_code_permanent: 1, unknown_school: 1 },
      // The student of the line with a bad email is still in the file: not archived.
      disappeared: 0,
    });
    expect(run.rejectedSample.map((r) => [r.line, r.reason])).toEqual([
      [3, "bad_fiche"], [4, "bad_email"], [5, "bad_date"], [6, "bad_code_permanent"], [7, "unknown_school"],
    ]);
    await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id });
    expect(await db.$count(students, eq(students.boardId, board.id))).toBe(2);
    expect(await emailsOf(existing.id)).toEqual(["ok@example.ca"]);
  });

  it("reads a Latin-1 file with semicolons as Excel writes it", async () => {
    const { board, school } = await createBoardWithSchool();
    const admin = await anAdmin();
    const text = `${importHeaderLine(";")}\r\n${board.code};${school.code};77;;Côté;Zoé;2016-05-01;2e année;;\r\n`;
    const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const run = await dryRun(admin, board.id, latin1);
    expect(run).toMatchObject({ status: "ready", encoding: "windows-1252", delimiter: ";" });
    await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id });
    const [student] = await db.select().from(students).where(eq(students.boardId, board.id));
    expect(student).toMatchObject({ lastName: "Côté", firstName: "Zoé", grade: "2e année", searchName: "cote zoe" });
  });

  it("refuses a file with a wrong header and changes nothing", async () => {
    const { board, school } = await createBoardWithSchool();
    await createStudent(school, { fiche: "9", guardianEmails: ["neuf@example.ca"] });
    const admin = await anAdmin();
    const boardStudents = () => db.select().from(students).where(eq(students.boardId, board.id)).orderBy(students.id);
    const before = await boardStudents();
    const bytes = new TextEncoder().encode(`nom,prenom,fiche\nCôté,Léa,9\n`);
    const run = await dryRun(admin, board.id, bytes);
    expect(run.status).toBe("failed");
    expect(run.failure).toMatchObject({ failure: "bad_header", header: { missing: expect.arrayContaining(["organisme", "ecole"]) } });
    const applied = await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id });
    expect(applied).toEqual({ ok: false, error: "not_ready" });
    expect(await boardStudents()).toEqual(before);
    expect(before.map((student) => student.archivedAt)).toEqual([null]);
    expect(await emailsOf(before[0]!.id)).toEqual(["neuf@example.ca"]);
  });

  it("refuses board support of another board, and secretaries altogether", async () => {
    const { board, school } = await createBoardWithSchool();
    const other = await createBoardWithSchool();
    const outsider = await boardSupportOf(other.board);
    const secretary = await secretaryOf(school);

    expect(await startImportRun({ scope: outsider.scope, staffId: outsider.staff.id, boardId: board.id, fileName: "x.csv" })).toEqual({ ok: false, error: "forbidden" });
    expect(await startImportRun({ scope: outsider.scope, staffId: outsider.staff.id, boardId: null, fileName: "x.csv" })).toEqual({ ok: false, error: "forbidden" });
    expect(await startImportRun({ scope: secretary.scope, staffId: secretary.staff.id, boardId: board.id, fileName: "x.csv" })).toEqual({ ok: false, error: "forbidden" });

    // Nor may they apply, or even see, a run another staff member prepared for that board.
    const admin = await anAdmin();
    const run = await dryRun(admin, board.id, csv([importRow(board, school, { fiche: "1" })]));
    expect(await applyImport({ scope: outsider.scope, staffId: outsider.staff.id, runId: run.id })).toEqual({ ok: false, error: "not_found" });
    expect(await listImportRuns(outsider.scope)).toEqual([]);
    expect((await listImportRuns((await boardSupportOf(board)).scope)).map((r) => r.id)).toEqual([run.id]);
  });

  it("rejects lines of another board in a board import; an admin may import every board a file names", async () => {
    const a = await createBoardWithSchool();
    const b = await createBoardWithSchool();
    const bSchool2 = await createSchool(b.board);
    const support = await boardSupportOf(a.board);
    const file = csv([importRow(a.board, a.school, { fiche: "1" }), importRow(b.board, bSchool2, { fiche: "1" })]);

    const scoped = await dryRun(support, a.board.id, file);
    expect(scoped.counts).toMatchObject({ valid: 1, rejectedByReason: { other_board: 1 } });

    const admin = await anAdmin();
    const { counts } = await importFile(admin, null, file);
    expect(counts.newStudents).toBe(2);
    expect(await db.$count(students, eq(students.schoolId, bSchool2.id))).toBe(1);
  });

  it("refuses a file that arrived shorter than it was sent, so its missing students are not archived", async () => {
    const { board, school } = await createBoardWithSchool();
    await createStudent(school, { fiche: "2" });
    const admin = await anAdmin();
    const bytes = csv([importRow(board, school, { fiche: "1" })]);
    const started = await startImportRun({ scope: admin.scope, staffId: admin.staff.id, boardId: board.id, fileName: "x.csv", totalBytes: bytes.length + 500 });
    if (!started.ok) throw new Error(started.error);
    const run = await dryRunImport({ scope: admin.scope, runId: started.runId, source: chunks(bytes), now: NOW });
    expect(run).toMatchObject({ status: "failed", failure: { failure: "incomplete_upload" } });
  });

  it("applies a run only once", async () => {
    const { board, school } = await createBoardWithSchool();
    const admin = await anAdmin();
    const run = await dryRun(admin, board.id, csv([importRow(board, school, { fiche: "1" })]));
    expect((await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id })).ok).toBe(true);
    expect(await applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: run.id })).toEqual({ ok: false, error: "already_applied" });
    const [stored] = await db.select().from(importRuns).where(eq(importRuns.id, run.id));
    expect(stored).toMatchObject({ status: "applied", appliedByStaffId: admin.staff.id });
  });

  it("sets each student's has-guardian-email flag from the emails it imports, for new and existing students", async () => {
    const { board, school } = await createBoardWithSchool();
    const losing = await createStudent(school, { fiche: "301", guardianEmails: ["perdu@example.ca"] });
    const gaining = await createStudent(school, { fiche: "302" });
    const admin = await anAdmin();

    await importFile(admin, board.id, csv([
      importRow(board, school, { fiche: "301", nom: losing.lastName, prenom: losing.firstName, date_naissance: losing.birthDate }),
      importRow(board, school, { fiche: "302", nom: gaining.lastName, prenom: gaining.firstName, date_naissance: gaining.birthDate, courriel_1: "trouve@example.ca" }),
      importRow(board, school, { fiche: "303", courriel_1: "nouveau@example.ca" }),
      importRow(board, school, { fiche: "304", nom: "Roy" }),
    ]));

    const flags = await db
      .select({ fiche: students.fiche, has: students.hasGuardianEmail })
      .from(students)
      .where(eq(students.boardId, board.id))
      .orderBy(students.fiche);
    expect(flags).toEqual([
      { fiche: "301", has: false },
      { fiche: "302", has: true },
      { fiche: "303", has: true },
      { fiche: "304", has: false },
    ]);
  });
});
