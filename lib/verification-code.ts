// Rules of the 6-digit email verification codes: generation, input clean-up, state, cooldown.
// Browser-safe (the code field's clean-up runs in the form): randomness from Web Crypto, present in Node too.

export const CODE_LENGTH = 6;

/** Uniform 6-digit code from a CSPRNG (≈ 20 bits, ASVS 6.5.4). */
export function generateCode(): string {
  const range = 10 ** CODE_LENGTH;
  // Rejection sampling: drawing below a multiple of the range keeps every code equally likely.
  const unbiasedBelow = Math.floor(2 ** 32 / range) * range;
  const draw = new Uint32Array(1);
  do globalThis.crypto.getRandomValues(draw);
  while (draw[0]! >= unbiasedBelow);
  return (draw[0]! % range).toString().padStart(CODE_LENGTH, "0");
}

/** Pasted codes often carry spaces, dashes or a line break: keep the digits only. */
export function cleanCodeInput(raw: string): string {
  return raw.replace(/[\s\u00a0\u2000-\u200b-]/g, "");
}

export type CodeState = "usable" | "expired" | "locked" | "consumed" | "superseded";

export type CodeStateInput = {
  expiresAt: Date;
  attempts: number;
  maxAttempts: number;
  consumedAt: Date | null;
  supersededAt: Date | null;
};

export function codeState(code: CodeStateInput, now: Date): CodeState {
  if (code.consumedAt) return "consumed";
  if (code.supersededAt) return "superseded";
  if (code.attempts >= code.maxAttempts) return "locked";
  if (code.expiresAt.getTime() <= now.getTime()) return "expired";
  return "usable";
}

/** Seconds before another code may be sent to the same address (0 when allowed now). */
export function cooldownRemaining(lastSentAt: Date | null, cooldownSeconds: number, now: Date): number {
  if (!lastSentAt) return 0;
  const elapsed = (now.getTime() - lastSentAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(cooldownSeconds - elapsed));
}
