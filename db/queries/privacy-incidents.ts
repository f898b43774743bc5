// The register of confidentiality incidents: a parent's "this is not my child" (the association suspended and the
// incident opened in one transaction), staff declarations, the privacy officer's edits (audited field by field),
// and the reads of the register and its export, always within the staff member's scope.
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import {
  associationAttempts,
  associations,
  auditLog,
  guardianEmails,
  nips,
  parentAccounts,
  privacyIncidents,
  schoolBoards,
  schools,
  staffUsers,
  students,
  type IncidentFacts,
  type PrivacyIncident,
  type StaffRole,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { StaffScope } from "@/lib/auth/scope";
import { isoDateIn } from "@/lib/birth-date";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { timeZone, toLocale } from "@/lib/i18n/locale";
import { incidentChanges, mayEditIncidents, mayReadRegister, type EditableIncidentField, type IncidentFieldValue } from "@/lib/privacy/incident-rules";
import { incidentPrefill } from "@/lib/privacy/incident-prefill";
import type { IncidentDeclaration, IncidentUpdate } from "@/lib/validations/incidents";

/** Who reads: the officer and admins read the scope's register; other staff the entries they declared. */
export type IncidentViewer = { staffId: string; role: StaffRole; scope: StaffScope };

function boardCondition(scope: StaffScope): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "board":
      return eq(privacyIncidents.boardId, scope.boardId);
    case "schools":
      return scope.schoolIds.length > 0
        ? inArray(privacyIncidents.boardId, db.select({ id: schools.boardId }).from(schools).where(inArray(schools.id, scope.schoolIds)))
        : sql`false`;
  }
}

function visibleTo(viewer: IncidentViewer): SQL {
  const inScope = boardCondition(viewer.scope);
  return mayReadRegister(viewer.role) ? inScope : and(inScope, eq(privacyIncidents.declaredByStaffId, viewer.staffId))!;
}

function today(): string {
  return isoDateIn(timeZone, new Date());
}

/** Officers of the board (platform admins when the board has none) receive the notice of a new entry. */
async function notifyOfficers(tx: Transaction, boardId: number, incidentId: number, source: "parent_report" | "staff_declaration") {
  const officers = await tx
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "privacy_officer"), eq(staffUsers.boardId, boardId), isNull(staffUsers.disabledAt)));
  const recipients = officers.length
    ? officers
    : await tx.select({ email: staffUsers.email }).from(staffUsers).where(and(eq(staffUsers.role, "admin"), isNull(staffUsers.disabledAt)));
  const [board] = await tx.select({ name: schoolBoards.name }).from(schoolBoards).where(eq(schoolBoards.id, boardId));
  for (const recipient of recipients) {
    await enqueueEmail(tx, {
      to: recipient.email,
      template: "incident-reported",
      locale: "fr",
      params: {
        incidentId,
        board: board?.name ?? "",
        source,
        link: new URL(`/admin/incidents/${incidentId}`, env.APP_URL).toString(),
      },
    });
  }
  return recipients.map((r) => r.email);
}

// ---------- "Ce n'est pas mon enfant" ----------

export type NotMyChildResult = { ok: true; incidentId: number; notified: string[] } | { ok: false; reason: "notFound" };

/** What the system knows of how this account came to see this child: the association, its attempt, NIP and emails. */
async function factsOf(
  tx: Transaction,
  association: { id: string; method: "match" | "nip"; createdAt: Date; parentAccountId: string },
  student: { id: number; fiche: string; schoolId: number; schoolName: string },
  accountEmail: string,
): Promise<{ facts: IncidentFacts; auditLogIds: number[] }> {
  const [attempt] = await tx
    .select({ id: associationAttempts.id, at: associationAttempts.createdAt, method: associationAttempts.method, nipId: associationAttempts.nipId })
    .from(associationAttempts)
    .where(
      and(
        eq(associationAttempts.parentAccountId, association.parentAccountId),
        eq(associationAttempts.candidateStudentId, student.id),
        eq(associationAttempts.success, true),
      ),
    )
    .orderBy(desc(associationAttempts.createdAt))
    .limit(1);

  let nipIssuedBy: IncidentFacts["nipIssuedBy"] = null;
  const auditLogIds: number[] = [];
  if (attempt?.nipId) {
    const [nip] = await tx
      .select({ staffId: staffUsers.id, name: staffUsers.name, email: staffUsers.email, at: nips.createdAt })
      .from(nips)
      .innerJoin(staffUsers, eq(staffUsers.id, nips.issuedByStaffId))
      .where(eq(nips.id, attempt.nipId));
    if (nip) {
      const [issued] = await tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.studentId, student.id), eq(auditLog.action, "nip.issued"), sql`${auditLog.details}->>'nipId' = ${attempt.nipId}`));
      nipIssuedBy = { staffId: nip.staffId, name: nip.name, email: nip.email, at: nip.at.toISOString(), auditId: issued?.id ?? null };
      if (issued) auditLogIds.push(issued.id);
    }
  }

  const [emailChange] = await tx
    .select({ id: auditLog.id, at: auditLog.createdAt, action: auditLog.action, staffId: auditLog.actorStaffId, name: staffUsers.name })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
    .where(and(eq(auditLog.studentId, student.id), inArray(auditLog.action, ["guardian_email.changed", "import.guardian_emails_changed"])))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(1);
  if (emailChange) auditLogIds.push(emailChange.id);

  const [onRecord] = await tx
    .select({ id: guardianEmails.id })
    .from(guardianEmails)
    .where(and(eq(guardianEmails.studentId, student.id), eq(guardianEmails.email, accountEmail)));

  return {
    auditLogIds,
    facts: {
      associationId: association.id,
      associationMethod: association.method,
      associatedAt: association.createdAt.toISOString(),
      reportedAt: new Date().toISOString(),
      accountEmail,
      student,
      accountEmailOnRecord: Boolean(onRecord),
      successfulAttempt: attempt ? { id: attempt.id, at: attempt.at.toISOString(), method: attempt.method } : null,
      nipIssuedBy,
      lastGuardianEmailChange: emailChange
        ? { staffId: emailChange.staffId, name: emailChange.name, at: emailChange.at.toISOString(), auditId: emailChange.id, action: emailChange.action }
        : null,
    },
  };
}

/**
 * A parent says an associated child is not theirs: in one transaction the association is suspended (the child
 * leaves the account at once), an incident is opened with the facts the system holds, the audit rows are written
 * and the board's privacy officer is notified. Call deliverSoon() after.
 */
export async function reportNotMyChild(parentAccountId: string, studentId: number): Promise<NotMyChildResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        associationId: associations.id,
        method: associations.method,
        createdAt: associations.createdAt,
        accountEmail: parentAccounts.email,
        studentId: students.id,
        fiche: students.fiche,
        boardId: students.boardId,
        schoolId: students.schoolId,
        schoolName: schools.name,
      })
      .from(associations)
      .innerJoin(parentAccounts, eq(parentAccounts.id, associations.parentAccountId))
      .innerJoin(students, eq(students.id, associations.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(and(eq(associations.parentAccountId, parentAccountId), eq(associations.studentId, studentId), isNull(associations.revokedAt)))
      .for("update", { of: associations });
    if (!row) return { ok: false as const, reason: "notFound" as const };

    await tx.update(associations).set({ revokedAt: sql`now()` }).where(eq(associations.id, row.associationId));

    const student = { id: row.studentId, fiche: row.fiche, schoolId: row.schoolId, schoolName: row.schoolName };
    const { facts, auditLogIds } = await factsOf(
      tx,
      { id: row.associationId, method: row.method, createdAt: row.createdAt, parentAccountId },
      student,
      row.accountEmail,
    );
    const prefill = incidentPrefill(facts);
    const [incident] = await tx
      .insert(privacyIncidents)
      .values({
        boardId: row.boardId,
        source: "parent_report",
        reportedByParentId: parentAccountId,
        facts,
        studentIds: [row.studentId],
        auditLogIds,
        personalInformation: prefill.personalInformation,
        circumstances: prefill.circumstances,
        occurredFrom: isoDateIn(timeZone, row.createdAt),
        occurredTo: today(),
        discoveredOn: today(),
        peopleConcerned: 1,
      })
      .returning({ id: privacyIncidents.id });

    const audit = { boardId: row.boardId, schoolId: row.schoolId, studentId: row.studentId, parentAccountId };
    await recordAudit(tx, {
      actor: null,
      action: "association.reported_not_mine",
      ...audit,
      details: { associationId: row.associationId, method: row.method, incidentId: incident!.id },
    });
    await recordAudit(tx, { actor: null, action: "incident.opened", ...audit, details: { incidentId: incident!.id, source: "parent_report" } });
    const notified = await notifyOfficers(tx, row.boardId, incident!.id, "parent_report");
    return { ok: true as const, incidentId: incident!.id, notified };
  });
}

// ---------- Staff declarations ----------

export type DeclareIncidentResult = { ok: true; incidentId: number } | { ok: false; reason: "boardRequired" | "notFound" };

/** The board a declaration is filed under: the staff member's own, or the one an admin picked. */
async function declarationBoard(tx: Transaction, scope: StaffScope, chosen: number | null): Promise<number | "boardRequired" | "notFound"> {
  if (scope.kind === "board") return scope.boardId;
  const boards =
    scope.kind === "all"
      ? chosen === null
        ? []
        : await tx.select({ id: schoolBoards.id }).from(schoolBoards).where(eq(schoolBoards.id, chosen))
      : scope.schoolIds.length === 0
        ? []
        : await tx.selectDistinct({ id: schools.boardId }).from(schools).where(inArray(schools.id, scope.schoolIds));
  if (chosen !== null) return boards.some((b) => b.id === chosen) ? chosen : "notFound";
  if (boards.length === 1) return boards[0]!.id;
  return "boardRequired";
}

export async function declareIncident(scope: StaffScope, staffId: string, input: IncidentDeclaration): Promise<DeclareIncidentResult> {
  return db.transaction(async (tx) => {
    const boardId = await declarationBoard(tx, scope, input.boardId);
    if (typeof boardId === "string") return { ok: false as const, reason: boardId };
    const [incident] = await tx
      .insert(privacyIncidents)
      .values({
        boardId,
        source: "staff_declaration",
        declaredByStaffId: staffId,
        circumstances: input.circumstances,
        personalInformation: input.personalInformation,
        occurredFrom: input.occurredFrom,
        occurredTo: input.occurredTo,
        discoveredOn: input.discoveredOn,
        peopleConcerned: input.peopleConcerned,
      })
      .returning({ id: privacyIncidents.id });
    await recordAudit(tx, { actor: staffId, action: "incident.declared", boardId, details: { incidentId: incident!.id } });
    await notifyOfficers(tx, boardId, incident!.id, "staff_declaration");
    return { ok: true as const, incidentId: incident!.id };
  });
}

// ---------- The officer's edits ----------

export type UpdateIncidentResult =
  | { ok: true; changed: EditableIncidentField[] }
  | { ok: false; reason: "notFound" | "forbidden" };

function editableValues(row: PrivacyIncident): Record<EditableIncidentField, IncidentFieldValue> {
  return {
    status: row.status,
    personalInformation: row.personalInformation,
    personalInformationUndescribedReason: row.personalInformationUndescribedReason,
    circumstances: row.circumstances,
    occurredFrom: row.occurredFrom,
    occurredTo: row.occurredTo,
    discoveredOn: row.discoveredOn,
    peopleConcerned: row.peopleConcerned,
    riskSensitivity: row.riskSensitivity,
    riskMisuse: row.riskMisuse,
    riskConsequences: row.riskConsequences,
    riskLikelihood: row.riskLikelihood,
    seriousInjuryRisk: row.seriousInjuryRisk,
    commissionNotifiedOn: row.commissionNotifiedOn,
    peopleNotifiedOn: row.peopleNotifiedOn,
    publicNoticeOn: row.publicNoticeOn,
    publicNoticeReason: row.publicNoticeReason,
    measures: row.measures,
  };
}

/**
 * Completes an entry. Only the privacy officer of the entry's board may (the role is read again from the
 * database, not trusted from the caller); one audit row lists every changed field with its before and after value.
 */
export async function updateIncident(scope: StaffScope, staffId: string, input: IncidentUpdate): Promise<UpdateIncidentResult> {
  return db.transaction(async (tx) => {
    const [editor] = await tx
      .select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
      .from(staffUsers)
      .where(eq(staffUsers.id, staffId));
    if (!editor || editor.disabledAt || !mayEditIncidents(editor.role)) return { ok: false as const, reason: "forbidden" as const };
    const [row] = await tx
      .select()
      .from(privacyIncidents)
      .where(and(eq(privacyIncidents.id, input.incidentId), boardCondition(scope)))
      .for("update");
    if (!row) return { ok: false as const, reason: "notFound" as const };

    const { incidentId: _id, ...values } = input;
    const changes = incidentChanges(editableValues(row), values);
    const changed = Object.keys(changes) as EditableIncidentField[];
    if (changed.length === 0) return { ok: true as const, changed };

    const closing = changes.status?.after === "closed";
    const reopening = changes.status?.after === "open";
    await tx
      .update(privacyIncidents)
      .set({
        ...values,
        updatedAt: sql`now()`,
        ...(closing ? { closedAt: sql`now()`, closedByStaffId: staffId } : {}),
        ...(reopening ? { closedAt: null, closedByStaffId: null } : {}),
      })
      .where(eq(privacyIncidents.id, row.id));
    await recordAudit(tx, {
      actor: staffId,
      action: closing ? "incident.closed" : reopening ? "incident.reopened" : "incident.updated",
      boardId: row.boardId,
      details: { incidentId: row.id, changes },
    });
    return { ok: true as const, changed };
  });
}

// ---------- Reading the register ----------

export type IncidentListItem = Pick<
  PrivacyIncident,
  "id" | "status" | "source" | "discoveredOn" | "occurredFrom" | "occurredTo" | "peopleConcerned" | "seriousInjuryRisk" | "commissionNotifiedOn" | "peopleNotifiedOn" | "createdAt"
> & { boardName: string };

export async function listIncidents(viewer: IncidentViewer, filters: { status?: "open" | "closed" } = {}): Promise<IncidentListItem[]> {
  return db
    .select({
      id: privacyIncidents.id,
      status: privacyIncidents.status,
      source: privacyIncidents.source,
      discoveredOn: privacyIncidents.discoveredOn,
      occurredFrom: privacyIncidents.occurredFrom,
      occurredTo: privacyIncidents.occurredTo,
      peopleConcerned: privacyIncidents.peopleConcerned,
      seriousInjuryRisk: privacyIncidents.seriousInjuryRisk,
      commissionNotifiedOn: privacyIncidents.commissionNotifiedOn,
      peopleNotifiedOn: privacyIncidents.peopleNotifiedOn,
      createdAt: privacyIncidents.createdAt,
      boardName: schoolBoards.name,
    })
    .from(privacyIncidents)
    .innerJoin(schoolBoards, eq(schoolBoards.id, privacyIncidents.boardId))
    .where(and(visibleTo(viewer), filters.status ? eq(privacyIncidents.status, filters.status) : undefined))
    .orderBy(desc(privacyIncidents.createdAt), desc(privacyIncidents.id))
    .limit(500);
}

export type IncidentTimelineEntry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  details: Record<string, unknown>;
};

export type IncidentDetail = {
  incident: PrivacyIncident & { boardName: string; declaredByName: string | null; closedByName: string | null };
  students: { id: number; fiche: string; firstName: string; lastName: string; schoolName: string }[];
  timeline: IncidentTimelineEntry[];
  linkedAuditRows: IncidentTimelineEntry[];
};

export async function getIncident(viewer: IncidentViewer, incidentId: number): Promise<IncidentDetail | null> {
  const declaredBy = db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).as("declared_by");
  const closedBy = db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).as("closed_by");
  const [row] = await db
    .select({ incident: privacyIncidents, boardName: schoolBoards.name, declaredByName: declaredBy.name, closedByName: closedBy.name })
    .from(privacyIncidents)
    .innerJoin(schoolBoards, eq(schoolBoards.id, privacyIncidents.boardId))
    .leftJoin(declaredBy, eq(declaredBy.id, privacyIncidents.declaredByStaffId))
    .leftJoin(closedBy, eq(closedBy.id, privacyIncidents.closedByStaffId))
    .where(and(eq(privacyIncidents.id, incidentId), visibleTo(viewer)));
  if (!row) return null;

  const linkedStudents = row.incident.studentIds.length
    ? await db
        .select({ id: students.id, fiche: students.fiche, firstName: students.firstName, lastName: students.lastName, schoolName: schools.name })
        .from(students)
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .where(and(inArray(students.id, row.incident.studentIds), eq(students.boardId, row.incident.boardId)))
    : [];

  const auditColumns = {
    id: auditLog.id,
    at: auditLog.createdAt,
    action: auditLog.action,
    actorName: staffUsers.name,
    details: auditLog.details,
  };
  const timeline = await db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
    .where(and(sql`${auditLog.action} like 'incident.%'`, sql`(${auditLog.details}->>'incidentId')::integer = ${incidentId}`))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
  const linkedAuditRows = row.incident.auditLogIds.length
    ? await db
        .select(auditColumns)
        .from(auditLog)
        .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
        .where(inArray(auditLog.id, row.incident.auditLogIds))
        .orderBy(asc(auditLog.createdAt))
    : [];
  return {
    incident: { ...row.incident, boardName: row.boardName, declaredByName: row.declaredByName, closedByName: row.closedByName },
    students: linkedStudents,
    timeline,
    linkedAuditRows,
  };
}

/** The register for a request from the Commission: a board (or every board of the scope) and a period. */
export async function registerEntries(
  viewer: IncidentViewer,
  query: { boardId?: number | null; from?: string | null; to?: string | null },
): Promise<(PrivacyIncident & { boardName: string })[]> {
  if (!mayReadRegister(viewer.role)) return [];
  // An entry belongs to the period when the incident (or, failing its date, its discovery) falls in it.
  const incidentDay = sql`coalesce(${privacyIncidents.occurredFrom}, ${privacyIncidents.discoveredOn})`;
  const lastDay = sql`coalesce(${privacyIncidents.occurredTo}, ${privacyIncidents.occurredFrom}, ${privacyIncidents.discoveredOn})`;
  const rows = await db
    .select({ incident: privacyIncidents, boardName: schoolBoards.name })
    .from(privacyIncidents)
    .innerJoin(schoolBoards, eq(schoolBoards.id, privacyIncidents.boardId))
    .where(
      and(
        visibleTo(viewer),
        query.boardId ? eq(privacyIncidents.boardId, query.boardId) : undefined,
        query.to ? lte(incidentDay, sql`${query.to}::date`) : undefined,
        query.from ? gte(lastDay, sql`${query.from}::date`) : undefined,
      ),
    )
    .orderBy(asc(schoolBoards.name), asc(incidentDay), asc(privacyIncidents.id));
  return rows.map((r) => ({ ...r.incident, boardName: r.boardName }));
}

/** Open entries the viewer may see (the dashboard and the nav badge). */
export async function countOpenIncidents(viewer: IncidentViewer): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(privacyIncidents)
    .where(and(visibleTo(viewer), eq(privacyIncidents.status, "open")));
  return row?.n ?? 0;
}
