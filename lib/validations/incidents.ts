// Zod schemas of the incident register's forms (declaring, completing an entry, the export's period), shared by
// the react-hook-form resolvers and the server actions. Messages are catalog keys of "validation".
import { z } from "zod";

const longText = z.string().trim().max(5000, "tooLong");
/** An empty field is "not known yet": stored as null. */
const optionalText = z
  .string()
  .trim()
  .max(5000, "tooLong")
  .optional()
  .transform((value) => (value ? value : null));

function isRealDate(value: string) {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
  .refine(isRealDate, "invalidDate");

const optionalDate = z
  .union([z.literal(""), isoDate])
  .optional()
  .transform((value) => (value ? value : null));

const optionalCount = z
  .union([z.literal(""), z.coerce.number({ error: "invalidNumber" }).int("invalidNumber").min(0, "invalidNumber").max(10_000_000, "invalidNumber")])
  .optional()
  .transform((value) => (value === "" || value === undefined ? null : value));

function periodInOrder(value: { occurredFrom: string | null; occurredTo: string | null }) {
  return !value.occurredFrom || !value.occurredTo || value.occurredFrom <= value.occurredTo;
}

export const incidentDeclarationSchema = z
  .object({
    /** Only read for platform admins; everyone else declares for their own board. */
    boardId: z
      .union([z.literal(""), z.coerce.number().int().positive()])
      .optional()
      .transform((value) => (value ? value : null)),
    circumstances: longText.min(10, "describeCircumstances"),
    personalInformation: optionalText,
    occurredFrom: optionalDate,
    occurredTo: optionalDate,
    discoveredOn: isoDate,
    peopleConcerned: optionalCount,
  })
  .refine(periodInOrder, { path: ["occurredTo"], message: "periodReversed" });
export type IncidentDeclarationInput = z.input<typeof incidentDeclarationSchema>;
export type IncidentDeclaration = z.output<typeof incidentDeclarationSchema>;

export const seriousRiskChoices = ["", "yes", "no"] as const;

/** Everything the officer completes; the facts the system recorded are not part of it. */
export const incidentUpdateSchema = z
  .object({
    incidentId: z.coerce.number().int().positive(),
    status: z.enum(["open", "closed"], { error: "invalid" }),
    personalInformation: optionalText,
    personalInformationUndescribedReason: optionalText,
    circumstances: optionalText,
    occurredFrom: optionalDate,
    occurredTo: optionalDate,
    discoveredOn: isoDate,
    peopleConcerned: optionalCount,
    riskSensitivity: optionalText,
    riskMisuse: optionalText,
    riskConsequences: optionalText,
    riskLikelihood: optionalText,
    seriousInjuryRisk: z
      .enum(seriousRiskChoices, { error: "invalid" })
      .optional()
      .transform((value) => (value === "yes" ? true : value === "no" ? false : null)),
    commissionNotifiedOn: optionalDate,
    peopleNotifiedOn: optionalDate,
    publicNoticeOn: optionalDate,
    publicNoticeReason: optionalText,
    measures: optionalText,
  })
  .refine(periodInOrder, { path: ["occurredTo"], message: "periodReversed" })
  .refine((value) => !value.publicNoticeOn || value.publicNoticeReason, { path: ["publicNoticeReason"], message: "publicNoticeReasonRequired" })
  .refine((value) => value.status !== "closed" || value.seriousInjuryRisk !== null, {
    path: ["seriousInjuryRisk"],
    message: "assessBeforeClosing",
  })
  .refine((value) => value.status !== "closed" || value.personalInformation || value.personalInformationUndescribedReason, {
    path: ["personalInformation"],
    message: "describeOrExplain",
  });
export type IncidentUpdateInput = z.input<typeof incidentUpdateSchema>;
export type IncidentUpdate = z.output<typeof incidentUpdateSchema>;

/** The register's export: a board (admins) and a period of incident dates, read leniently from the URL. */
export const registerExportSchema = z.object({
  board: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
});
export type RegisterExportQuery = z.output<typeof registerExportSchema>;

export const notMyChildSchema = z.object({ studentId: z.coerce.number().int().positive() });
