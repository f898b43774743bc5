// When a failed send is tried again, and when the outbox gives up.
// Most emails back off over about 40 minutes. Time-critical ones (a code, a NIP: the outbox row has `expiresAt`)
// are tried every few seconds, then every minute, until they could no longer arrive in time to be used.

/** Waits after the 1st, 2nd, … failed attempt of an email that does not expire. */
export const RETRY_DELAYS_SECONDS = [10, 30, 120, 600, 1800] as const;
export const MAX_SEND_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** Waits after the 1st, 2nd, … failed attempt of a time-critical email; the last one repeats. */
export const TIME_CRITICAL_DELAYS_SECONDS = [5, 10, 15, 30, 30, 60] as const;
/** A code or NIP that would arrive with less than this left is not sent: it could hardly be typed in time. */
export const MIN_USEFUL_SECONDS = 60;

/** Milliseconds to wait after `attempts` failed attempts, or null when there is no attempt left. */
export function retryDelayAfter(attempts: number): number | null {
  if (attempts < 1 || attempts >= MAX_SEND_ATTEMPTS) return null;
  return RETRY_DELAYS_SECONDS[attempts - 1]! * 1000;
}

/** The wait after `attempts` failed attempts of a time-critical email, before its deadline is considered. */
export function timeCriticalDelayAfter(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), TIME_CRITICAL_DELAYS_SECONDS.length) - 1;
  return TIME_CRITICAL_DELAYS_SECONDS[index]! * 1000;
}

/**
 * When to try again after a failed attempt (`attempts` counts it), or null to give up. An email with an
 * `expiresAt` is retried on the time-critical schedule while a retry could still arrive with MIN_USEFUL_SECONDS left.
 */
export function nextAttemptAfterFailure(email: { attempts: number; expiresAt: Date | null }, now: Date): Date | null {
  if (email.expiresAt === null) {
    const delay = retryDelayAfter(email.attempts);
    return delay === null ? null : new Date(now.getTime() + delay);
  }
  const at = new Date(now.getTime() + timeCriticalDelayAfter(email.attempts));
  return at.getTime() <= email.expiresAt.getTime() - MIN_USEFUL_SECONDS * 1000 ? at : null;
}
