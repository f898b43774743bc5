import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { associateByNip, childrenOfParent } from "@/db/queries/associations";
import { issueNip } from "@/db/queries/nips";
import { startImportRun } from "@/db/queries/student-import";
import {
  declareIncident,
  getIncident,
  listIncidents,
  registerEntries,
  reportNotMyChild,
  updateIncident,
  type IncidentViewer,
} from "@/db/queries/privacy-incidents";
import type { StaffContext } from "@/db/queries/staff";
import { associations, auditLog, emailOutbox, privacyIncidents, type School, type SchoolBoard, type Student } from "@/db/schema";
import { incidentUpdateSchema } from "@/lib/validations/incidents";
import { associateByRecord, createParent } from "@/tests/helpers/accounts";
import { expectAuditedAtomically } from "@/tests/helpers/forced-failure";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, createStaff, secretaryOf } from "@/tests/helpers/staff-fixtures";
import { ownerDb } from "@/tests/helpers/test-database";

const client = { ip: "192.0.2.7", userAgent: "vitest" };
let board: SchoolBoard;
let school: School;
let student: Student;
let officer: StaffContext;
let run = 0;

const viewer = (context: StaffContext): IncidentViewer => ({ staffId: context.staff.id, role: context.staff.role, scope: context.scope });

beforeEach(async () => {
  run += 1;
  ({ board, school } = await createBoardWithSchool());
  officer = await createStaff("privacy_officer", { boardId: board.id });
  student = await createStudent(school, { guardianEmails: [`repondant${run}@exemple.ca`] });
});

/** A parent associated with the student by matching (their address is on the record). */
async function associatedParent(email = `repondant${run}@exemple.ca`) {
  const parent = await createParent(email);
  const outcome = await associateByRecord(parent, student, client);
  expect(outcome.ok).toBe(true);
  return parent;
}

async function activeAssociations(parentId: string) {
  return db.select().from(associations).where(and(eq(associations.parentAccountId, parentId), sql`${associations.revokedAt} is null`));
}

function fullUpdate(incidentId: number, overrides: Record<string, unknown> = {}) {
  return incidentUpdateSchema.parse({
    incidentId,
    status: "open",
    discoveredOn: "2026-11-20",
    personalInformation: "Nom et école de l'élève",
    riskSensitivity: "Faible",
    riskMisuse: "Peu probable",
    riskConsequences: "Aucune",
    riskLikelihood: "Faible",
    seriousInjuryRisk: "no",
    measures: "Association suspendue, courriel corrigé",
    ...overrides,
  });
}

describe("“Ce n'est pas mon enfant”", () => {
  it("suspends the association in the same request, opens a prefilled incident and tells the officer", async () => {
    const parent = await associatedParent();
    expect((await childrenOfParent(parent.id, parent.email)).associated).toHaveLength(1);

    const result = await reportNotMyChild(parent.id, student.id);
    expect(result).toMatchObject({ ok: true, notified: [officer.staff.email] });
    if (!result.ok) return;

    // Gone at once, and not offered again as "seen by email" although the address is on the record.
    const children = await childrenOfParent(parent.id, parent.email);
    expect(children.associated).toEqual([]);
    expect(children.seenByEmail).toEqual([]);
    expect(await activeAssociations(parent.id)).toEqual([]);

    const [incident] = await db.select().from(privacyIncidents).where(eq(privacyIncidents.id, result.incidentId));
    expect(incident).toMatchObject({
      boardId: board.id,
      status: "open",
      source: "parent_report",
      reportedByParentId: parent.id,
      studentIds: [student.id],
      peopleConcerned: 1,
      seriousInjuryRisk: null,
    });
    expect(incident!.facts).toMatchObject({
      associationMethod: "match",
      accountEmail: parent.email,
      accountEmailOnRecord: true,
      student: { id: student.id, fiche: student.fiche, schoolId: school.id },
      nipIssuedBy: null,
    });
    expect(incident!.circumstances).toContain(parent.email);
    expect(incident!.circumstances).toContain(student.fiche);

    const audit = await db.select().from(auditLog).where(eq(auditLog.parentAccountId, parent.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["association.reported_not_mine", "incident.opened"]);

    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, officer.staff.email));
    expect(mail?.template).toBe("incident-reported");
    // The notice names neither the child nor the parent.
    expect(mail!.text).not.toContain(student.firstName);
    expect(mail!.text).not.toContain(parent.email);
  });

  it("records who issued the NIP that made the association", async () => {
    const secretary = await secretaryOf(school);
    const parent = await createParent(`autre${run}@exemple.ca`);
    const issued = await issueNip(secretary.scope, secretary.staff.id, student.id);
    if (!issued.ok) throw new Error("NIP not issued");
    expect((await associateByNip({ parentAccountId: parent.id, nip: issued.nip.code, ...client })).ok).toBe(true);

    const result = await reportNotMyChild(parent.id, student.id);
    if (!result.ok) throw new Error("not reported");
    const [incident] = await db.select().from(privacyIncidents).where(eq(privacyIncidents.id, result.incidentId));
    expect(incident!.facts).toMatchObject({
      associationMethod: "nip",
      accountEmailOnRecord: false,
      nipIssuedBy: { staffId: secretary.staff.id, email: secretary.staff.email },
    });
    const [nipAudit] = await db.select().from(auditLog).where(and(eq(auditLog.studentId, student.id), eq(auditLog.action, "nip.issued")));
    expect(incident!.auditLogIds).toContain(nipAudit!.id);
  });

  it("refuses a child not associated with the account, and a second report", async () => {
    const parent = await associatedParent();
    const stranger = await createParent(`etranger${run}@exemple.ca`);
    expect(await reportNotMyChild(stranger.id, student.id)).toEqual({ ok: false, reason: "notFound" });
    expect(await activeAssociations(parent.id)).toHaveLength(1);
    expect((await reportNotMyChild(parent.id, student.id)).ok).toBe(true);
    expect(await reportNotMyChild(parent.id, student.id)).toEqual({ ok: false, reason: "notFound" });
    expect(await db.$count(privacyIncidents, eq(privacyIncidents.reportedByParentId, parent.id))).toBe(1);
  });

  it("keeps the association and opens nothing when the officer's notice cannot be written", async () => {
    const parent = await associatedParent();
    await ownerDb().execute(sql.raw(`create or replace function refuse_outbox() returns trigger language plpgsql as $$
      begin raise exception 'outbox unavailable'; end; $$`));
    await ownerDb().execute(sql.raw(`create trigger refuse_outbox before insert on email_outbox for each row execute function refuse_outbox()`));
    try {
      await expect(reportNotMyChild(parent.id, student.id)).rejects.toThrow();
    } finally {
      await ownerDb().execute(sql.raw(`drop trigger refuse_outbox on email_outbox`));
      await ownerDb().execute(sql.raw(`drop function refuse_outbox()`));
    }
    expect(await activeAssociations(parent.id)).toHaveLength(1);
    expect(await db.$count(privacyIncidents, eq(privacyIncidents.reportedByParentId, parent.id))).toBe(0);
    expect(await db.$count(auditLog, eq(auditLog.parentAccountId, parent.id))).toBe(0);
  });
});

describe("the officer's edits", () => {
  async function openIncident() {
    const parent = await associatedParent();
    const result = await reportNotMyChild(parent.id, student.id);
    if (!result.ok) throw new Error("not reported");
    return result.incidentId;
  }

  it("lets only the board's privacy officer edit, and audits every changed field", async () => {
    const incidentId = await openIncident();
    const others = [await secretaryOf(school), await boardSupportOf(board), await anAdmin()];
    for (const staff of others) {
      expect(await updateIncident(staff.scope, staff.staff.id, fullUpdate(incidentId))).toEqual({ ok: false, reason: "forbidden" });
    }
    const { board: otherBoard } = await createBoardWithSchool();
    const otherOfficer = await createStaff("privacy_officer", { boardId: otherBoard.id });
    expect(await updateIncident(otherOfficer.scope, otherOfficer.staff.id, fullUpdate(incidentId))).toEqual({ ok: false, reason: "notFound" });
    expect(await db.$count(auditLog, eq(auditLog.action, "incident.updated"))).toBe(0);

    const result = await updateIncident(officer.scope, officer.staff.id, fullUpdate(incidentId, { commissionNotifiedOn: "2026-11-21" }));
    expect(result.ok).toBe(true);
    const [row] = await db.select().from(privacyIncidents).where(eq(privacyIncidents.id, incidentId));
    expect(row).toMatchObject({ seriousInjuryRisk: false, commissionNotifiedOn: "2026-11-21", riskLikelihood: "Faible", discoveredOn: "2026-11-20" });

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "incident.updated"));
    expect(audit).toMatchObject({ actorStaffId: officer.staff.id, boardId: board.id });
    const changes = (audit!.details as { changes: Record<string, { before: unknown; after: unknown }> }).changes;
    expect(changes.seriousInjuryRisk).toEqual({ before: null, after: false });
    expect(changes.commissionNotifiedOn).toEqual({ before: null, after: "2026-11-21" });

    // The same values again change nothing and write nothing.
    expect(await updateIncident(officer.scope, officer.staff.id, fullUpdate(incidentId, { commissionNotifiedOn: "2026-11-21" }))).toEqual({ ok: true, changed: [] });
    expect(await db.$count(auditLog, eq(auditLog.action, "incident.updated"))).toBe(1);

    // Closing records who and when, under its own action, and shows in the timeline.
    await updateIncident(officer.scope, officer.staff.id, fullUpdate(incidentId, { status: "closed", commissionNotifiedOn: "2026-11-21" }));
    const detail = await getIncident(viewer(officer), incidentId);
    expect(detail!.incident).toMatchObject({ status: "closed", closedByStaffId: officer.staff.id });
    expect(detail!.timeline.map((e) => e.action)).toEqual(["incident.opened", "incident.updated", "incident.closed"]);
  });

  it("refuses to close an entry whose risk is not assessed", () => {
    expect(incidentUpdateSchema.safeParse({ incidentId: 1, status: "closed", discoveredOn: "2026-11-20", personalInformation: "x" }).success).toBe(false);
  });

  it("leaves the entry unchanged when the audit row cannot be kept", async () => {
    const incidentId = await openIncident();
    await ownerDb().execute(sql.raw(`create or replace function refuse_incident_audit() returns trigger language plpgsql as $$
      begin if new.action like 'incident.updated' then raise exception 'audit unavailable'; end if; return new; end; $$`));
    await ownerDb().execute(sql.raw(`create trigger refuse_incident_audit after insert on audit_log for each row execute function refuse_incident_audit()`));
    try {
      await expect(updateIncident(officer.scope, officer.staff.id, fullUpdate(incidentId))).rejects.toThrow();
    } finally {
      await ownerDb().execute(sql.raw(`drop trigger refuse_incident_audit on audit_log`));
      await ownerDb().execute(sql.raw(`drop function refuse_incident_audit()`));
    }
    const [row] = await db.select().from(privacyIncidents).where(eq(privacyIncidents.id, incidentId));
    expect(row!.seriousInjuryRisk).toBeNull();
    expect(row!.measures).toBeNull();
    expect((await getIncident(viewer(officer), incidentId))!.timeline.map((e) => e.action)).toEqual(["incident.opened"]);
  });
});

describe("keeping the register", () => {
  it("refuses to delete an entry younger than five years, whoever asks, and allows it after", async () => {
    const young = await declareIncident(officer.scope, officer.staff.id, {
      boardId: null,
      circumstances: "NIP remis à la mauvaise personne au comptoir",
      personalInformation: null,
      occurredFrom: "2026-11-02",
      occurredTo: null,
      discoveredOn: "2026-11-03",
      peopleConcerned: 1,
    });
    if (!young.ok) throw new Error("not declared");
    await expect(db.delete(privacyIncidents).where(eq(privacyIncidents.id, young.incidentId))).rejects.toThrow();
    await expect(db.execute(sql`delete from privacy_incidents where board_id = ${board.id}`)).rejects.toThrow();
    expect(await db.$count(privacyIncidents, eq(privacyIncidents.id, young.incidentId))).toBe(1);

    // Backdating the incident does not open a way: the entry's own recording date counts too.
    await db.update(privacyIncidents).set({ occurredFrom: "2015-01-01", occurredTo: "2015-01-02" }).where(eq(privacyIncidents.id, young.incidentId));
    await expect(db.delete(privacyIncidents).where(eq(privacyIncidents.id, young.incidentId))).rejects.toThrow();

    const [old] = await db
      .insert(privacyIncidents)
      .values({ boardId: board.id, source: "staff_declaration", discoveredOn: "2019-05-01", occurredFrom: "2019-04-30", createdAt: new Date("2019-05-01T12:00:00Z") })
      .returning({ id: privacyIncidents.id });
    await db.delete(privacyIncidents).where(eq(privacyIncidents.id, old!.id));
    expect(await db.$count(privacyIncidents, eq(privacyIncidents.id, old!.id))).toBe(0);
  });

  it("never rewrites the facts the system recorded", async () => {
    const parent = await associatedParent();
    const result = await reportNotMyChild(parent.id, student.id);
    if (!result.ok) throw new Error("not reported");
    await expect(db.update(privacyIncidents).set({ facts: {} }).where(eq(privacyIncidents.id, result.incidentId))).rejects.toThrow();
    await expect(db.update(privacyIncidents).set({ boardId: (await createBoardWithSchool()).board.id }).where(eq(privacyIncidents.id, result.incidentId))).rejects.toThrow();
  });
});

describe("who sees the register", () => {
  it("keeps each board's register to its officer and admins; other staff see what they declared", async () => {
    const { board: otherBoard, school: otherSchool } = await createBoardWithSchool();
    const secretary = await secretaryOf(school);
    const declared = await declareIncident(secretary.scope, secretary.staff.id, {
      boardId: null,
      circumstances: "Fiche envoyée à une mauvaise adresse",
      personalInformation: "Numéro de fiche",
      occurredFrom: "2026-11-10",
      occurredTo: null,
      discoveredOn: "2026-11-10",
      peopleConcerned: 1,
    });
    if (!declared.ok) throw new Error("not declared");
    const [row] = await db.select().from(privacyIncidents).where(eq(privacyIncidents.id, declared.incidentId));
    expect(row!.boardId).toBe(board.id);
    expect(await db.$count(emailOutbox, and(eq(emailOutbox.to, officer.staff.email), eq(emailOutbox.template, "incident-reported")))).toBe(1);

    const otherSecretary = await secretaryOf(otherSchool);
    const elsewhere = await declareIncident(otherSecretary.scope, otherSecretary.staff.id, {
      boardId: null,
      circumstances: "Liste de classe affichée publiquement",
      personalInformation: null,
      occurredFrom: null,
      occurredTo: null,
      discoveredOn: "2026-11-12",
      peopleConcerned: 25,
    });
    if (!elsewhere.ok) throw new Error("not declared");
    // A secretary cannot file under a board outside their schools.
    expect(
      await declareIncident(secretary.scope, secretary.staff.id, {
        boardId: otherBoard.id, circumstances: "Essai hors de ma portée", personalInformation: null, occurredFrom: null, occurredTo: null, discoveredOn: "2026-11-12", peopleConcerned: null,
      }),
    ).toEqual({ ok: false, reason: "notFound" });

    const ids = async (context: StaffContext) => (await listIncidents(viewer(context))).map((i) => i.id).sort((a, b) => a - b);
    expect(await ids(officer)).toEqual([declared.incidentId]);
    expect(await ids(secretary)).toEqual([declared.incidentId]);
    expect(await ids(otherSecretary)).toEqual([elsewhere.incidentId]);
    expect(await ids(await boardSupportOf(board))).toEqual([]);
    const admin = await anAdmin();
    expect(await ids(admin)).toEqual(expect.arrayContaining([declared.incidentId, elsewhere.incidentId]));

    expect(await getIncident(viewer(officer), elsewhere.incidentId)).toBeNull();
    expect(await getIncident(viewer(secretary), declared.incidentId)).not.toBeNull();
    expect(await getIncident(viewer(await boardSupportOf(board)), declared.incidentId)).toBeNull();

    // The export is the officer's (and admins'): other staff get nothing, an officer only their board.
    expect(await registerEntries(viewer(secretary), {})).toEqual([]);
    expect((await registerEntries(viewer(officer), { boardId: otherBoard.id })).map((e) => e.id)).toEqual([]);
    expect((await registerEntries(viewer(officer), { from: "2026-11-01", to: "2026-11-30" })).map((e) => e.id)).toEqual([declared.incidentId]);
    expect((await registerEntries(viewer(officer), { from: "2026-12-01" })).map((e) => e.id)).toEqual([]);
    expect((await registerEntries(viewer(admin), { boardId: otherBoard.id })).map((e) => e.id)).toEqual([elsewhere.incidentId]);
  });
});

describe("the privacy officer's limits", () => {
  it("cannot start an import into their own board, which board support can", async () => {
    expect(await startImportRun({ scope: officer.scope, staffId: officer.staff.id, boardId: board.id, fileName: "eleves.csv" })).toEqual({ ok: false, error: "forbidden" });
    const support = await boardSupportOf(board);
    expect((await startImportRun({ scope: support.scope, staffId: support.staff.id, boardId: board.id, fileName: "eleves.csv" })).ok).toBe(true);
  });
});

describe("every change and its audit row together", () => {
  it("holds for the parent's report, a declaration and the officer's edit", async () => {
    const parent = await associatedParent();
    await expectAuditedAtomically({
      change: () => reportNotMyChild(parent.id, student.id),
      changedTable: "associations",
      snapshot: async () => ({ active: (await activeAssociations(parent.id)).length, incidents: await db.$count(privacyIncidents) }),
    });
    const reported = await reportNotMyChild(parent.id, student.id);
    if (!reported.ok) throw new Error("not reported");

    const declaration = {
      boardId: null, circumstances: "NIP dicté au téléphone à un inconnu", personalInformation: null, occurredFrom: null, occurredTo: null, discoveredOn: "2026-11-20", peopleConcerned: 1,
    };
    await expectAuditedAtomically({
      change: () => declareIncident(officer.scope, officer.staff.id, declaration),
      changedTable: "privacy_incidents",
      snapshot: () => db.$count(privacyIncidents),
    });
    expect((await declareIncident(officer.scope, officer.staff.id, declaration)).ok).toBe(true);

    const snapshot = async () => (await db.select().from(privacyIncidents).where(eq(privacyIncidents.id, reported.incidentId)))[0];
    await expectAuditedAtomically({
      change: () => updateIncident(officer.scope, officer.staff.id, fullUpdate(reported.incidentId)),
      changedTable: "privacy_incidents",
      snapshot,
    });
    expect((await updateIncident(officer.scope, officer.staff.id, fullUpdate(reported.incidentId))).ok).toBe(true);
  });
});
