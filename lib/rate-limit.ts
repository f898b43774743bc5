// Sign-in throttling rule: after a few consecutive failures each new failure doubles the wait, up to a cap
// (Keycloak's defaults: 60 s increments, 15 min maximum). Counted per email whether or not an account exists.

export type ThrottlePolicy = { freeFailures: number; baseDelaySeconds: number; maxDelaySeconds: number };

/** Seconds the identifier must wait after `consecutiveFailures` failures. */
export function signInDelaySeconds(consecutiveFailures: number, policy: ThrottlePolicy): number {
  const over = consecutiveFailures - policy.freeFailures;
  if (over < 0) return 0;
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.min(over, 20));
}

/** Seconds left before the next attempt is allowed (0 when allowed now). */
export function retryAfterSeconds(lastFailureAt: Date | null, delaySeconds: number, now: Date): number {
  if (!lastFailureAt || delaySeconds === 0) return 0;
  const wait = lastFailureAt.getTime() + delaySeconds * 1000 - now.getTime();
  return Math.max(0, Math.ceil(wait / 1000));
}
