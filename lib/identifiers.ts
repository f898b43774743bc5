// Student identifiers a parent types: numéro de fiche or code permanent, normalised to the stored form.

/** Significant digits a fiche may have (the guides: "un maximum de 7 chiffres"). */
export const FICHE_MAX_DIGITS = 7;

export type StudentIdentifierProblem =
  | "empty"
  | "fiche_has_letters"
  | "fiche_too_long"
  | "code_permanent_shape";

export type StudentIdentifier =
  | { kind: "fiche"; fiche: string }
  | { kind: "codePermanent"; codePermanent: string }
  | { kind: "invalid"; reason: StudentIdentifierProblem };

const COMPLETE_CODE_PERMANENT = /^[A-Z]{4}\d{6}\d{2}$/;
const INCOMPLETE_CODE_PERMANENT = /^[A-Z]{4}\d{6}$/;

// Spaces and hyphens come from copy-paste and from the way report cards print identifiers ("TREM 1234 5601").
function compact(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s\-‐‑–—]+/gu, "").toUpperCase();
}

/**
 * "e0012345" → "12345". Tolerates spaces, a leading "e"/"E" (printed before the fiche in some schools) and leading
 * zeros. Returns null for anything else: letters elsewhere, more than 7 significant digits, nothing at all.
 */
export function normalizeFiche(raw: string): string | null {
  const parsed = parseStudentIdentifier(raw);
  return parsed.kind === "fiche" ? parsed.fiche : null;
}

/** "tre m12345601" → null; "trem 1234 5601" → "TREM12345601". 12 characters, or 10 when not yet completed. */
export function normalizeCodePermanent(raw: string): string | null {
  const value = compact(raw);
  return COMPLETE_CODE_PERMANENT.test(value) || INCOMPLETE_CODE_PERMANENT.test(value) ? value : null;
}

/**
 * Decides whether the parent typed a fiche or a code permanent and normalises it. When the value is neither, the
 * reason names the shape the parent most likely meant, so the message can say what to fix.
 */
export function parseStudentIdentifier(raw: string): StudentIdentifier {
  const value = compact(raw);
  if (value === "") return { kind: "invalid", reason: "empty" };

  // A fiche starts with a digit, or with a single "E" followed by a digit.
  const ficheBody = /^E?(?=\d)/.test(value) ? value.replace(/^E/, "") : null;
  if (ficheBody !== null) {
    if (!/^\d+$/.test(ficheBody)) return { kind: "invalid", reason: "fiche_has_letters" };
    const fiche = ficheBody.replace(/^0+(?=\d)/, "");
    if (fiche.length > FICHE_MAX_DIGITS) return { kind: "invalid", reason: "fiche_too_long" };
    return { kind: "fiche", fiche };
  }

  const codePermanent = normalizeCodePermanent(value);
  if (codePermanent !== null) return { kind: "codePermanent", codePermanent };
  return { kind: "invalid", reason: "code_permanent_shape" };
}
