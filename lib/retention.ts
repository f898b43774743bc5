// How long the portal keeps what it no longer needs (Loi 25: no longer than necessary). A board's periods are its
// settings (board_retention); these are the defaults and the bounds the database enforces too.
export const DEFAULT_RETENTION = {
  /** Association attempts (what the parent typed, the diagnosis). */
  attemptsMonths: 12,
  /** Support tickets, counted from their resolution. */
  resolvedTicketsMonths: 24,
} as const;

export const RETENTION_MONTHS_BOUNDS = { min: 1, max: 120 } as const;

/** Days an expired code, email-change request or NIP is kept (enough to answer "why did my code fail?"). */
export const EXPIRED_SECRETS_DAYS = 30;

export type PurgeCounts = {
  verificationCodes: number;
  emailChangeRequests: number;
  nips: number;
  authEvents: number;
  attempts: number;
  resolvedTickets: number;
  outboxEmails: number;
  importRuns: number;
};

export function totalPurged(counts: PurgeCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
