import { describe, expect, it } from "vitest";
import fr from "@/lib/i18n/messages/fr/association.json";
import en from "@/lib/i18n/messages/en/association.json";
import { compareNames, type NameDifferenceKind } from "@/lib/association/name-comparison";
import {
  birthDateMessageKey,
  identifierMessageKey,
  NIP_INVALID_MESSAGE_KEY,
  NO_MATCH_CHECKLIST_KEYS,
  parentMessageFor,
} from "@/lib/association/parent-message";
import { REASON_CODES, staffMessageFor, type Reason } from "@/lib/association/reasons";
import type { SuggestedFix } from "@/lib/association/suggested-fix";

const catalogs = { fr: fr.association, en: en.association };

function lookup(catalog: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

function leafKeys(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

const nameKinds: NameDifferenceKind[] = [
  "case_or_spacing",
  "accents",
  "hyphen_or_space",
  "apostrophe",
  "family_name_order",
  "other",
];
const keyedByKind = ["identifier_invalid", "student_not_found", "email_not_on_record", "last_name_differs", "first_name_differs"];
const identifierProblems = ["empty", "fiche_has_letters", "fiche_too_long", "code_permanent_shape"] as const;

const everyReason: Reason[] = [
  ...REASON_CODES.filter((code) => !keyedByKind.includes(code)).map((code): Reason => ({ code })),
  ...identifierProblems.map((kind): Reason => ({ code: "identifier_invalid", kind })),
  ...(["fiche", "codePermanent"] as const).map((kind) => ({ code: "student_not_found" as const, kind })),
  ...(["not_listed", "none_on_record"] as const).map((kind) => ({ code: "email_not_on_record" as const, kind })),
  ...nameKinds.flatMap((kind) => [
    { code: "last_name_differs" as const, kind },
    { code: "first_name_differs" as const, kind },
  ]),
];

describe("association messages", () => {
  it("have the same keys and placeholders in French and English", () => {
    expect(leafKeys(catalogs.en).sort()).toEqual(leafKeys(catalogs.fr).sort());
    for (const key of leafKeys(catalogs.fr)) {
      expect(placeholders(lookup(catalogs.en, key) as string), key).toEqual(placeholders(lookup(catalogs.fr, key) as string));
    }
  });

  it("have a staff message for every reason code and kind", () => {
    for (const reason of everyReason) {
      const { key } = staffMessageFor(reason);
      for (const catalog of Object.values(catalogs)) expect(typeof lookup(catalog, key), key).toBe("string");
    }
    expect(staffMessageFor({ code: "something_new" }).key).toBe("reasons.unknown");
  });

  it("give staff the word a name difference is about", () => {
    const [accent] = compareNames("Cote", "Côté").differences;
    expect(staffMessageFor({ code: "last_name_differs", typed: "Cote", expected: "Côté", ...accent })).toEqual({
      key: "reasons.last_name_differs.accents",
      values: { typed: "Cote", expected: "Côté", word: "Côté" },
    });
  });

  it("have a parent message for every outcome and bad input", () => {
    const keys = [
      ...everyReason.map((reason) => parentMessageFor({ ok: false, reasons: [reason], candidateStudentId: null })),
      ...identifierProblems.map(identifierMessageKey),
      ...(["incomplete", "year_digits", "impossible_date", "future_date", "too_old"] as const).map(birthDateMessageKey),
      ...NO_MATCH_CHECKLIST_KEYS,
      NIP_INVALID_MESSAGE_KEY,
    ].filter((key): key is string => key !== null);
    for (const key of keys) {
      for (const catalog of Object.values(catalogs)) expect(typeof lookup(catalog, key), key).toBe("string");
    }
  });

  it("have a text for every suggested fix", () => {
    const fixes: SuggestedFix[] = ["fix_email", "tell_spelling", "issue_nip"];
    for (const fix of fixes) {
      for (const catalog of Object.values(catalogs)) expect(typeof lookup(catalog, `fixes.${fix}`)).toBe("string");
    }
  });
});
