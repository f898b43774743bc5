// Recovery codes: ten single-use codes shown once at TOTP enrolment, about 49 bits each ("xxxxx-xxxxx" in a
// 31-character alphabet without look-alikes), stored as HMACs.
import { randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Lower case, spaces and dashes dropped; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(raw: string): string | null {
  const clean = raw.toLowerCase().replace(/[\s-]/g, "");
  return new RegExp(`^[${alphabet}]{10}$`).test(clean) ? clean : null;
}
