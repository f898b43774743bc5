// Builds a code permanent the way the ministry composes it, for generated student records.

// Format: 3 letters of the family name + 1 of the first name, birth day (DD), month (MM, +50 for girls), year (YY), then 2 ministry digits.

export type Sex = "F" | "M";

const lettersCache = new Map<string, string>();

/** Upper-case A–Z letters only: accents removed, apostrophes, hyphens and spaces dropped. */
function lettersOf(name: string): string {
  let letters = lettersCache.get(name);
  if (letters === undefined) {
    letters = foldLetters(name);
    // Names come from short lists when generating; the bound keeps arbitrary callers from growing the cache forever.
    if (lettersCache.size < 10_000) lettersCache.set(name, letters);
  }
  return letters;
}

function foldLetters(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
}

/**
 * "Côté-Bouchard", "Léa-Rose", F, "2015-03-14" → "COTL145315": the 10 characters the ministry derives from identity.
 * Letters run across hyphens and apostrophes ("St-Pierre" → "STP", "D'Amour" → "DAM"); a short name is padded with X
 * ("Ng" → "NGX").
 */
export function codePermanentPrefix(lastName: string, firstName: string, sex: Sex, birthDate: string): string {
  const family = lettersOf(lastName).padEnd(3, "X").slice(0, 3);
  const given = lettersOf(firstName)[0] ?? "X";
  const [year, month, day] = birthDate.split("-");
  const codedMonth = Number(month) + (sex === "F" ? 50 : 0);
  return `${family}${given}${day}${String(codedMonth).padStart(2, "0")}${year.slice(2)}`;
}

/** The full 12-character code, or the 10-character prefix when the ministry has not completed it yet. */
export function codePermanent(
  identity: { lastName: string; firstName: string; sex: Sex; birthDate: string },
  ministryDigits: number | null,
): string {
  const prefix = codePermanentPrefix(identity.lastName, identity.firstName, identity.sex, identity.birthDate);
  return ministryDigits === null ? prefix : `${prefix}${String(ministryDigits).padStart(2, "0")}`;
}
