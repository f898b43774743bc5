import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditFilterOptions, searchAuditLog } from "@/db/queries/audit-log";
import type { StaffContext } from "@/db/queries/staff";
import { auditLog, type School, type Student } from "@/db/schema";
import { recordAudit, type AuditAction } from "@/lib/audit";
import { createParent } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, secretaryOf } from "@/tests/helpers/staff-fixtures";

let schoolA: School, schoolA2: School, schoolB: School;
let studentA: Student, studentA2: Student, studentB: Student;
let secretaryA: StaffContext, secretaryA2: StaffContext, supportBoard1: StaffContext, admin: StaffContext;
let parentId: string;
const ids: Record<string, number> = {};

/** Audit rows dated in the past: inserted directly, as recordAudit always stamps now(). */
async function entry(
  key: string,
  values: { actor: StaffContext; action: AuditAction; student?: Student; school?: School | null; at: string; details?: Record<string, unknown>; parentAccountId?: string },
) {
  const [row] = await db
    .insert(auditLog)
    .values({
      actorStaffId: values.actor.staff.id,
      action: values.action,
      boardId: values.school === null ? null : (values.school ?? schoolA).boardId,
      schoolId: values.school === null ? null : (values.school ?? schoolA).id,
      studentId: values.student?.id ?? null,
      parentAccountId: values.parentAccountId ?? null,
      details: values.details ?? {},
      createdAt: new Date(values.at),
    })
    .returning({ id: auditLog.id });
  ids[key] = row!.id;
}

beforeAll(async () => {
  const board1 = await createBoard();
  schoolA = await createSchool(board1);
  schoolA2 = await createSchool(board1);
  schoolB = await createSchool(await createBoard());
  studentA = await createStudent(schoolA, { lastName: "Côté-Gagnon", firstName: "Marie-Ève", fiche: "2000001" });
  studentA2 = await createStudent(schoolA2, { lastName: "Roy", firstName: "Léo", fiche: "2000002" });
  studentB = await createStudent(schoolB, { lastName: "Côté", firstName: "Noah", fiche: "2000003" });
  secretaryA = await secretaryOf(schoolA);
  secretaryA2 = await secretaryOf(schoolA2);
  supportBoard1 = await boardSupportOf(board1);
  admin = await anAdmin();
  parentId = (await createParent("parent.journal@exemple.ca")).id;

  await entry("emailA", {
    actor: secretaryA,
    action: "guardian_email.changed",
    student: studentA,
    at: "2026-03-02T15:00:00Z",
    details: { before: "ancien@exemple.ca", after: "parent.journal@exemple.ca", reason: "Appel du parent" },
  });
  await entry("importA", {
    actor: supportBoard1,
    action: "guardian_email.changed",
    student: studentA,
    at: "2026-03-03T15:00:00Z",
    details: { importRunId: 1, before: ["parent.journal@exemple.ca"], after: ["nouveau@exemple.ca"] },
  });
  await entry("nipA", { actor: secretaryA, action: "nip.issued", student: studentA, at: "2026-03-05T15:00:00Z" });
  await entry("nipA2", { actor: secretaryA2, action: "nip.issued", student: studentA2, school: schoolA2, at: "2026-03-06T15:00:00Z" });
  await entry("unlockA", { actor: supportBoard1, action: "account.lockout_lifted", parentAccountId: parentId, at: "2026-03-07T15:00:00Z" });
  await entry("ficheB", { actor: admin, action: "fiche.sent", student: studentB, school: schoolB, at: "2026-03-08T15:00:00Z" });
  // 2026-03-10 02:30 UTC is still 9 March in Montréal.
  await entry("lateEvening", { actor: admin, action: "account.reset_started", parentAccountId: parentId, school: null, at: "2026-03-10T02:30:00Z" });
});

const keysOf = (rows: { id: number }[]) => rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? `other:${r.id}`);
const dated = { from: "2026-03-01", to: "2026-03-31" };

describe("the audit log", () => {
  it("lists a secretary's school only, newest first", async () => {
    expect(keysOf((await searchAuditLog(secretaryA.scope, dated)).rows)).toEqual(["unlockA", "nipA", "importA", "emailA"]);
    expect(keysOf((await searchAuditLog(secretaryA2.scope, dated)).rows)).toEqual(["nipA2"]);
  });

  it("lists a board's rows to its support, and everything, unfiled rows included, to an admin", async () => {
    expect(keysOf((await searchAuditLog(supportBoard1.scope, dated)).rows)).toEqual(["unlockA", "nipA2", "nipA", "importA", "emailA"]);
    expect(keysOf((await searchAuditLog(admin.scope, dated)).rows)).toEqual(["lateEvening", "ficheB", "unlockA", "nipA2", "nipA", "importA", "emailA"]);
  });

  it("filters by actor and by action", async () => {
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, actor: secretaryA.staff.id })).rows)).toEqual(["nipA", "emailA"]);
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, action: "nip.issued" })).rows)).toEqual(["nipA2", "nipA"]);
    expect(keysOf((await searchAuditLog(secretaryA.scope, { ...dated, action: "fiche.sent" })).rows)).toEqual([]);
  });

  it("filters by student: fiche, name typed without accents or hyphens, or id", async () => {
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, student: "2000001" })).rows)).toEqual(["nipA", "importA", "emailA"]);
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, student: "cote" })).rows)).toEqual(["ficheB", "nipA", "importA", "emailA"]);
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, student: "marie eve cote" })).rows)).toEqual(["nipA", "importA", "emailA"]);
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, studentId: studentA2.id })).rows)).toEqual(["nipA2"]);
    expect(keysOf((await searchAuditLog(secretaryA.scope, { ...dated, student: "2000003" })).rows)).toEqual([]);
  });

  it("filters by account: rows filed under it and guardian email changes to or from its address, by staff or import", async () => {
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, account: "parent.journal@exemple.ca" })).rows)).toEqual([
      "lateEvening",
      "unlockA",
      "importA",
      "emailA",
    ]);
    expect(keysOf((await searchAuditLog(admin.scope, { ...dated, account: "JOURNAL" })).rows)).toEqual(["lateEvening", "unlockA"]);
  });

  it("filters by calendar days in the schools' time zone", async () => {
    expect(keysOf((await searchAuditLog(admin.scope, { from: "2026-03-09", to: "2026-03-09" })).rows)).toEqual(["lateEvening"]);
    expect(keysOf((await searchAuditLog(admin.scope, { from: "2026-03-10", to: "2026-03-31" })).rows)).toEqual([]);
    expect(keysOf((await searchAuditLog(admin.scope, { from: "2026-03-05", to: "2026-03-06" })).rows)).toEqual(["nipA2", "nipA"]);
  });

  it("pages through older and newer rows without gaps or repeats", async () => {
    const first = await searchAuditLog(admin.scope, dated, 4);
    expect(keysOf(first.rows)).toEqual(["lateEvening", "ficheB", "unlockA", "nipA2"]);
    expect(first.newerThan).toBeNull();
    expect(first.olderThan).toBe(ids.nipA2);
    const second = await searchAuditLog(admin.scope, { ...dated, before: first.olderThan! }, 4);
    expect(keysOf(second.rows)).toEqual(["nipA", "importA", "emailA"]);
    expect(second.olderThan).toBeNull();
    expect(second.newerThan).toBe(ids.nipA);
    const back = await searchAuditLog(admin.scope, { ...dated, after: second.newerThan! }, 4);
    expect(keysOf(back.rows)).toEqual(["lateEvening", "ficheB", "unlockA", "nipA2"]);
    expect(back.newerThan).toBeNull();
    expect(back.olderThan).toBe(ids.nipA2);
  });

  it("offers as filters only the staff and actions found in the scope's rows", async () => {
    const options = await auditFilterOptions(secretaryA.scope);
    expect(options.actors.map((a) => a.id).sort()).toEqual([secretaryA.staff.id, supportBoard1.staff.id].sort());
    expect(options.actions).toEqual(["account.lockout_lifted", "guardian_email.changed", "nip.issued"]);
  });

  it("shows a change just recorded at the top of the unfiltered log", async () => {
    const id = await db.transaction((tx) =>
      recordAudit(tx, { actor: secretaryA.staff.id, action: "fiche.sent", boardId: schoolA.boardId, schoolId: schoolA.id, studentId: studentA.id }),
    );
    const { rows } = await searchAuditLog(secretaryA.scope);
    expect(rows[0]).toMatchObject({ id, action: "fiche.sent", actor: { id: secretaryA.staff.id }, student: { id: studentA.id } });
  });

  it("cannot be changed or erased", async () => {
    await expect(db.update(auditLog).set({ action: "nip.revoked" }).where(eq(auditLog.id, ids.nipA!))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, ids.nipA!))).rejects.toThrow();
  });
});
