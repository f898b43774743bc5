// The register's rules (Loi 25 and the Règlement sur les incidents de confidentialité): who edits an entry,
// how long it is kept, which fields an edit changed. Pure functions; the database enforces the same retention.
import type { StaffRole } from "@/db/schema";

/** Years an entry is kept after the incident (or after it was recorded, whichever is later). */
export const INCIDENT_RETENTION_YEARS = 5;

/** Only the board's privacy officer completes and closes entries; other staff may declare one. */
export function mayEditIncidents(role: StaffRole): boolean {
  return role === "privacy_officer";
}

/** Who reads the whole register of a scope: the officer (their board) and platform admins (every board). */
export function mayReadRegister(role: StaffRole): boolean {
  return role === "privacy_officer" || role === "admin";
}

/** The first day an entry may be deleted: five years after the later of its incident date and its recording. */
export function deletableFrom(entry: { createdAt: Date; occurredFrom: string | null; occurredTo: string | null }): string {
  const recorded = entry.createdAt.toISOString().slice(0, 10);
  const incident = entry.occurredTo ?? entry.occurredFrom ?? recorded;
  const later = incident > recorded ? incident : recorded;
  const [y, m, d] = later.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + INCIDENT_RETENTION_YEARS, m - 1, d));
  return date.toISOString().slice(0, 10);
}

/** What the Règlement asks an entry to hold, in its order: the officer completes these, and the register lists them. */
export const incidentRegisterFields = [
  "personalInformation",
  "personalInformationUndescribedReason",
  "circumstances",
  "occurredFrom",
  "occurredTo",
  "discoveredOn",
  "peopleConcerned",
  "riskSensitivity",
  "riskMisuse",
  "riskConsequences",
  "riskLikelihood",
  "seriousInjuryRisk",
  "commissionNotifiedOn",
  "peopleNotifiedOn",
  "publicNoticeOn",
  "publicNoticeReason",
  "measures",
] as const;

export const editableIncidentFields = ["status", ...incidentRegisterFields] as const;
export type EditableIncidentField = (typeof editableIncidentFields)[number];
export type IncidentFieldValue = string | number | boolean | null;

/** The fields whose value differs, each with its before and after value (the audit row's details). */
export function incidentChanges(
  before: Record<EditableIncidentField, IncidentFieldValue>,
  after: Record<EditableIncidentField, IncidentFieldValue>,
): Partial<Record<EditableIncidentField, { before: IncidentFieldValue; after: IncidentFieldValue }>> {
  const changes: Partial<Record<EditableIncidentField, { before: IncidentFieldValue; after: IncidentFieldValue }>> = {};
  for (const field of editableIncidentFields) {
    if (before[field] !== after[field]) changes[field] = { before: before[field], after: after[field] };
  }
  return changes;
}
