import { beforeEach, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { associateByNip } from "@/db/queries/associations";
import { dashboardFigures } from "@/db/queries/dashboard";
import { issueNip, revokeNip } from "@/db/queries/nips";
import { getStudentForStaff } from "@/db/queries/students";
import { auditLog, emailOutbox, nips, type School, type Student } from "@/db/schema";
import { NIP_ALPHABET, normalizeNip } from "@/lib/association/nip-code";
import { hashSecret } from "@/lib/secret-hash";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { secretaryOf } from "@/tests/helpers/staff-fixtures";
import type { StaffContext } from "@/db/queries/staff";

let school: School;
let student: Student;
let secretary: StaffContext;
let run = 0;
let recordEmail: string;

beforeEach(async () => {
  run += 1;
  recordEmail = `repondant${run}@exemple.ca`;
  ({ school } = await createBoardWithSchool({ nipLifetimeMinutes: 20 }));
  student = await createStudent(school, { guardianEmails: [recordEmail] });
  secretary = await secretaryOf(school);
});

async function issue(options: Parameters<typeof issueNip>[3] = {}) {
  const result = await issueNip(secretary.scope, secretary.staff.id, student.id, options);
  if (!result.ok) throw new Error(`issueNip refused: ${result.reason}`);
  return result.nip;
}

describe("issuing a NIP", () => {
  it("stores only the hash of the code, never the code, and audits it without the code", async () => {
    const nip = await issue();
    expect(nip.code).toMatch(new RegExp(`^[${NIP_ALPHABET}]{8}$`));
    expect(nip.formatted).toBe(`${nip.code.slice(0, 4)}-${nip.code.slice(4)}`);

    const [row] = await db.select().from(nips).where(eq(nips.id, nip.id));
    expect(row!.codeHash).toBe(hashSecret(normalizeNip(nip.code)!, "nip"));
    expect(JSON.stringify(row)).not.toContain(nip.code);

    const audit = await db.select().from(auditLog).where(eq(auditLog.studentId, student.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "nip.issued", actorStaffId: secretary.staff.id, schoolId: school.id, boardId: school.boardId });
    const serialized = JSON.stringify(audit[0]);
    expect(serialized).not.toContain(nip.code);
    expect(serialized).not.toContain(nip.formatted);
    expect(serialized).not.toContain(row!.codeHash);
  });

  it("lives for the board's configured lifetime", async () => {
    const nip = await issue();
    const [row] = await db.select().from(nips).where(eq(nips.id, nip.id));
    const lifetimeMinutes = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 60_000;
    expect(lifetimeMinutes).toBeCloseTo(20, 3);
  });

  it("revokes the student's previous NIP when a new one is issued", async () => {
    const first = await issue();
    const second = await issue();
    expect(second.revokedPreviousId).toBe(first.id);
    const rows = await db.select().from(nips).where(eq(nips.studentId, student.id)).orderBy(nips.createdAt);
    expect(rows.map((r) => [r.id, r.revokedAt !== null])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    expect((await getStudentForStaff(secretary.scope, student.id))!.activeNip!.id).toBe(second.id);
    expect((await dashboardFigures(secretary.scope)).activeNips).toBe(1);

    const parent = await createParent(`nip-parent${run}@exemple.ca`);
    const client = { ip: "192.0.2.7", userAgent: "vitest" };
    expect((await associateByNip({ parentAccountId: parent.id, nip: first.code, ...client })).ok).toBe(false);
    expect((await associateByNip({ parentAccountId: parent.id, nip: second.formatted, ...client })).ok).toBe(true);
  });

  it("emails the NIP to an address on the record, with the code only in the email body", async () => {
    const nip = await issue({ email: { address: recordEmail.toUpperCase(), source: "record" } });
    expect(nip.emailedTo).toBe(recordEmail);
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, recordEmail));
    expect(mail!.template).toBe("nip-issued");
    expect(mail!.text).toContain(nip.formatted);
    expect(mail!.subject).not.toContain(nip.code);
    expect(mail!.text).not.toContain(student.firstName);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.studentId, student.id));
    expect(audit!.details).toMatchObject({ emailedTo: recordEmail, emailSource: "record" });
  });

  it("refuses a 'record' address that is not on the record, and issues nothing", async () => {
    const result = await issueNip(secretary.scope, secretary.staff.id, student.id, {
      email: { address: "inconnu@exemple.ca", source: "record" },
    });
    expect(result).toEqual({ ok: false, reason: "emailNotOnRecord" });
    expect(await db.select().from(nips).where(eq(nips.studentId, student.id))).toEqual([]);
    expect(await db.select().from(auditLog).where(eq(auditLog.studentId, student.id))).toEqual([]);
  });

  it("emails a confirmed typed address and keeps it in the audit log", async () => {
    const nip = await issue({ email: { address: `parent.compte${run}@exemple.ca`, source: "typed" } });
    expect(nip.emailedTo).toBe(`parent.compte${run}@exemple.ca`);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.studentId, student.id)).orderBy(desc(auditLog.id));
    expect(audit!.details).toMatchObject({ emailedTo: `parent.compte${run}@exemple.ca`, emailSource: "typed" });
  });
});

describe("revoking a NIP", () => {
  it("makes it unusable and is audited once", async () => {
    const nip = await issue();
    expect(await revokeNip(secretary.scope, secretary.staff.id, nip.id)).toEqual({ ok: true });
    expect(await revokeNip(secretary.scope, secretary.staff.id, nip.id)).toEqual({ ok: false, reason: "notActive" });
    const actions = (await db.select().from(auditLog).where(eq(auditLog.studentId, student.id))).map((a) => a.action).sort();
    expect(actions).toEqual(["nip.issued", "nip.revoked"]);
    const parent = await createParent(`revoque${run}@exemple.ca`);
    expect((await associateByNip({ parentAccountId: parent.id, nip: nip.code, ip: null, userAgent: null })).ok).toBe(false);
  });
});
