// When a failed send is tried again, and when the outbox gives up (a code has expired by then anyway).

/** Waits after the 1st, 2nd, … failed attempt. */
export const RETRY_DELAYS_SECONDS = [10, 30, 120, 600, 1800] as const;
export const MAX_SEND_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** Milliseconds to wait after `attempts` failed attempts, or null when there is no attempt left. */
export function retryDelayAfter(attempts: number): number | null {
  if (attempts < 1 || attempts >= MAX_SEND_ATTEMPTS) return null;
  return RETRY_DELAYS_SECONDS[attempts - 1]! * 1000;
}
