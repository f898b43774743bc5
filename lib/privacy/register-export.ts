// The register's rows as the Commission reads them: one line per entry, the Règlement's items in order.
import type { PrivacyIncident } from "@/db/schema";
import type { CsvCell } from "@/lib/csv-write";
import { incidentRegisterFields } from "@/lib/privacy/incident-rules";

export const registerColumns = ["id", "board", "status", "source", "recordedAt", ...incidentRegisterFields, "closedAt"] as const;
export type RegisterColumn = (typeof registerColumns)[number];

export type RegisterLabels = {
  status: (status: string) => string;
  source: (source: string) => string;
  seriousRisk: (value: boolean | null) => string;
  /** A timestamp as a local date and time. */
  dateTime: (date: Date) => string;
};

export function registerRow(entry: PrivacyIncident & { boardName: string }, labels: RegisterLabels): Record<RegisterColumn, CsvCell> {
  return {
    id: entry.id,
    board: entry.boardName,
    status: labels.status(entry.status),
    source: labels.source(entry.source),
    recordedAt: labels.dateTime(entry.createdAt),
    personalInformation: entry.personalInformation,
    personalInformationUndescribedReason: entry.personalInformationUndescribedReason,
    circumstances: entry.circumstances,
    occurredFrom: entry.occurredFrom,
    occurredTo: entry.occurredTo,
    discoveredOn: entry.discoveredOn,
    peopleConcerned: entry.peopleConcerned,
    riskSensitivity: entry.riskSensitivity,
    riskMisuse: entry.riskMisuse,
    riskConsequences: entry.riskConsequences,
    riskLikelihood: entry.riskLikelihood,
    seriousInjuryRisk: labels.seriousRisk(entry.seriousInjuryRisk),
    commissionNotifiedOn: entry.commissionNotifiedOn,
    peopleNotifiedOn: entry.peopleNotifiedOn,
    publicNoticeOn: entry.publicNoticeOn,
    publicNoticeReason: entry.publicNoticeReason,
    measures: entry.measures,
    closedAt: entry.closedAt ? labels.dateTime(entry.closedAt) : null,
  };
}
