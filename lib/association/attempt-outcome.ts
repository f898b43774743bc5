// What became of an association attempt. A parent re-submitting a child already associated with their own account
// was not refused anything: that is its own outcome, kept out of failures, failure counts and success rates.
export const ATTEMPT_OUTCOMES = ["associated", "already_associated", "refused"] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * The outcome of a stored attempt; the database computes the same in association_attempts.outcome (a generated
 * column, see db/schema.ts), which the queries filter on.
 */
export function attemptOutcome(attempt: { success: boolean; reasons: ReadonlyArray<{ code: string }> }): AttemptOutcome {
  if (attempt.success) return "associated";
  if (attempt.reasons.some((reason) => reason.code === "already_associated")) return "already_associated";
  return "refused";
}
