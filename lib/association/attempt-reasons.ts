// Reason codes an attempt can carry beyond the matching rule's (reasons.ts): NIP outcomes, an invalid birth date,
// and the per-IP attempt limit; plus the staff-facing message of any stored reason, whichever file defines it.
import { staffMessageFor } from "@/lib/association/reasons";
import type { BirthDateProblem } from "@/lib/birth-date";

/**
 * Why a NIP was refused. The parent gets one message for all four (errors.nipInvalid), so a NIP cannot be probed;
 * staff see which it was. nip_unknown has kind "malformed" when the typed value cannot be a NIP at all.
 */
export const NIP_REASON_CODES = ["nip_unknown", "nip_expired", "nip_used", "nip_revoked"] as const;
export type NipReasonCode = (typeof NIP_REASON_CODES)[number];

/** A birth date that is not a valid date for a student: kind is the BirthDateProblem. */
export const BIRTH_DATE_INVALID = "birth_date_invalid";

/** too_many_attempts with this kind: the limit of the IP address was reached, not the account's. */
export const IP_LIMIT_KIND = "ip";

export type NipReason = { code: NipReasonCode; field: "nip"; kind?: "malformed"; typed?: string };
export type BirthDateReason = { code: typeof BIRTH_DATE_INVALID; field: "birthDate"; kind: BirthDateProblem; typed: string };

export function isNipReasonCode(code: string): code is NipReasonCode {
  return (NIP_REASON_CODES as readonly string[]).includes(code);
}

/** Namespace of the messages of the codes defined here. */
export const ATTEMPT_REASONS_NAMESPACE = "attemptReasons";

export type AttemptReasonMessage = {
  namespace: "association" | typeof ATTEMPT_REASONS_NAMESPACE;
  key: string;
  values: { typed: string; expected: string; word: string };
};

/**
 * Catalog namespace, key and ICU values describing any stored reason to staff, e.g. nip_expired →
 * { namespace: "attemptReasons", key: "nip_expired" }; rule reasons go through staffMessageFor.
 */
export function attemptReasonMessage(reason: {
  code: string;
  kind?: string;
  typed?: string;
  expected?: string;
  word?: string;
}): AttemptReasonMessage {
  const values = { typed: reason.typed ?? "", expected: reason.expected ?? "", word: reason.word ?? "" };
  if (isNipReasonCode(reason.code)) {
    const key = reason.kind === "malformed" ? `${reason.code}.malformed` : `${reason.code}.default`;
    return { namespace: ATTEMPT_REASONS_NAMESPACE, key, values };
  }
  if (reason.code === BIRTH_DATE_INVALID) {
    return { namespace: ATTEMPT_REASONS_NAMESPACE, key: `${BIRTH_DATE_INVALID}.${reason.kind ?? "incomplete"}`, values };
  }
  if (reason.code === "too_many_attempts" && reason.kind === IP_LIMIT_KIND) {
    return { namespace: ATTEMPT_REASONS_NAMESPACE, key: "too_many_attempts_ip", values };
  }
  return { namespace: "association", ...staffMessageFor(reason) };
}
