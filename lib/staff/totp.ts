// TOTP (RFC 6238) as authenticator apps use it: SHA-1, 6 digits, 30-second steps; a code of the step before or
// after is accepted (clock drift), and the caller refuses any step not later than the last one accepted (replay).
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on each side of the current one. */
export const TOTP_WINDOW = 1;
const issuer = "Portail Parents";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = "") {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI a QR code carries. */
export function totpUri(secret: string, account: string): string {
  return totpOf(secret, account).toString();
}

export function totpStepAt(time: number): number {
  return Math.floor(time / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of a secret at a time (tests, and the demo accounts' documented secret). */
export function totpCodeAt(secret: string, time: number = Date.now()): string {
  return totpOf(secret).generate({ timestamp: time });
}

/** Digits only: spaces and dashes typed or pasted around a code are ignored. */
export function cleanTotpInput(raw: string): string {
  return raw.replace(/[\s-]/g, "");
}

/** The step whose code this is (within the window), or null. Does not judge replay: see lastStep. */
export function matchTotpStep(secret: string, code: string, time: number = Date.now()): number | null {
  const clean = cleanTotpInput(code);
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(clean)) return null;
  const delta = totpOf(secret).validate({ token: clean, timestamp: time, window: TOTP_WINDOW });
  return delta === null ? null : totpStepAt(time) + delta;
}
