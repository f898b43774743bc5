// What the staff member who issued a NIP is shown, once: the code, its expiry, where it was emailed, and whether it
// replaced a NIP still valid. The student page and the support desk's fix answer with the same shape.
import type { IssuedNip } from "@/db/queries/nips";

export type IssuedNipAnswer = { code: string; expiresAt: string; emailedTo: string | null; revokedPrevious: boolean };

export function issuedNipAnswer(nip: IssuedNip): IssuedNipAnswer {
  return {
    code: nip.formatted,
    expiresAt: nip.expiresAt.toISOString(),
    emailedTo: nip.emailedTo,
    revokedPrevious: nip.revokedPreviousId !== null,
  };
}
