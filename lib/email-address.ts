// Email addresses compared the way people use them: surrounding spaces and case never matter.
// Validity (any address, "+" and "_" included) is checked by emailSchema in lib/validations/auth.ts.

/** " Marie.Tremblay+ecole@Example.CA " → "marie.tremblay+ecole@example.ca". The whole address is lower-cased:
 * schools type guardians' addresses by hand, so a case-sensitive local part would only produce false mismatches. */
export function normalizeEmail(raw: string): string {
  return raw.normalize("NFC").trim().toLowerCase();
}

export function sameEmail(a: string, b: string): boolean {
  return normalizeEmail(a) === normalizeEmail(b);
}
