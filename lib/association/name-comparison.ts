// Compares a name the parent typed with the name on the student's record and names every kind of difference.
//
// Which differences block an association (the decision, tested in tests/lib/association/name-comparison.test.ts):
// - case_or_spacing (case, surrounding or repeated spaces, Unicode form): never blocks, not even noted.
// - accents ("Cote" / "Côté"), hyphen_or_space ("Marie Eve" / "Marie-Ève", "Marieeve" / "Marie-Ève"),
//   apostrophe ("Damour" / "D'Amour", "D’Amour" / "D'Amour") and family_name_order ("Gagnon Tremblay" /
//   "Tremblay-Gagnon"): do NOT block. Phones and keyboards drop accents and apostrophes, report cards print
//   hyphens inconsistently, and the record is already pinned down by the identifier, the birth date and the
//   guardian email. They are kept as notes so staff can see, and correct, what the parent typed.
// - other (a letter added, missing or changed: "Pelletier" / "Peltier", "St-Pierre" / "Saint-Pierre"): blocks,
//   because it may be another child (twins share a birth date and guardians) or a wrong identifier.

export type NameDifferenceKind =
  | "case_or_spacing"
  | "accents"
  | "hyphen_or_space"
  | "apostrophe"
  | "family_name_order"
  | "other";

/** `word` is the word of the record concerned (with its accents), when one can be named. */
export type NameDifference = { kind: NameDifferenceKind; word?: string };

export type NameComparison =
  | { outcome: "same"; differences: [] }
  | { outcome: "tolerated" | "blocking"; differences: NameDifference[] };

export const BLOCKING_NAME_DIFFERENCES: ReadonlySet<NameDifferenceKind> = new Set(["other"]);

export function nameDifferenceBlocks(kind: NameDifferenceKind): boolean {
  return BLOCKING_NAME_DIFFERENCES.has(kind);
}

const APOSTROPHES = new Set(["'", "’", "‘", "ʼ", "`", "´", "ʹ", "′"]);
const HYPHENS = new Set(["-", "‐", "‑", "‒", "–", "—", "―", "−"]);
const SPELLED_OUT: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss" };

/** One letter (or digit, or other sign) of a name, with what separates it from the previous one. */
type Unit = { char: string; folded: string; separator: string; word: number };
type ParsedName = { units: Unit[]; words: string[] };
/** One folded character, pointing back to the unit it comes from. */
type Slot = { unit: Unit; first: boolean; folded: string };

function fold(char: string): string {
  return SPELLED_OUT[char] ?? char.normalize("NFD").replace(/\p{M}+/gu, "");
}

/** Separator between two letters, reduced to what matters: "", " ", "-", or the apostrophe(s) typed. */
function separatorClass(raw: string): string {
  if (raw === "") return "";
  const apostrophes = [...new Set([...raw].filter((c) => APOSTROPHES.has(c)))].join("");
  const hyphen = [...raw].some((c) => HYPHENS.has(c)) ? "-" : "";
  return hyphen + apostrophes || " ";
}

function parseName(raw: string): ParsedName {
  const units: Unit[] = [];
  const words: string[] = [];
  let pending = "";
  for (const original of raw.normalize("NFC").trim()) {
    if (/\s/u.test(original) || HYPHENS.has(original) || APOSTROPHES.has(original)) {
      pending += original;
      continue;
    }
    const separator = units.length === 0 ? "" : separatorClass(pending);
    const startsWord = units.length === 0 || separator.includes(" ") || separator.includes("-");
    if (startsWord) words.push("");
    // Apostrophes stay inside a word ("D'Amour" is one family name), hyphens and spaces end it.
    words[words.length - 1] += (startsWord ? "" : pending.trim()) + original;
    const char = original.toLowerCase();
    units.push({ char, folded: fold(char), separator, word: words.length - 1 });
    pending = "";
  }
  return { units, words };
}

function slotsOf(units: Unit[]): Slot[] {
  return units.flatMap((unit) => [...unit.folded].map((folded, i) => ({ unit, first: i === 0, folded })));
}

function foldedText(units: Unit[]): string {
  return units.map((u) => u.folded).join("");
}

function addOnce(differences: NameDifference[], difference: NameDifference): void {
  if (!differences.some((d) => d.kind === difference.kind && d.word === difference.word)) differences.push(difference);
}

/**
 * Differences between two names whose folded letters are the same, in the same order:
 * accents (per word of the record) and separators (apostrophe, or hyphen/space/nothing).
 */
function letterLevelDifferences(typed: ParsedName, expected: ParsedName, differences: NameDifference[]): void {
  const a = slotsOf(typed.units);
  const b = slotsOf(expected.units);
  for (let i = 0; i < a.length; i++) {
    if (a[i].unit.char !== b[i].unit.char) {
      addOnce(differences, { kind: "accents", word: expected.words[b[i].unit.word] });
    }
    const typedSeparator = a[i].first ? a[i].unit.separator : "";
    const expectedSeparator = b[i].first ? b[i].unit.separator : "";
    if (typedSeparator !== expectedSeparator) {
      const apostrophe = [...typedSeparator + expectedSeparator].some((c) => APOSTROPHES.has(c));
      addOnce(differences, { kind: apostrophe ? "apostrophe" : "hyphen_or_space" });
    }
  }
}

/** Pairs each word of the record with an unused typed word that folds to the same letters. */
function pairWords(typed: ParsedName, expected: ParsedName): Array<[number, number]> {
  const typedKeys = typed.words.map((w) => foldedText(parseName(w).units));
  const used = new Set<number>();
  const pairs: Array<[number, number]> = [];
  expected.words.forEach((word, e) => {
    const key = foldedText(parseName(word).units);
    const t = typedKeys.findIndex((k, i) => k === key && !used.has(i));
    if (t >= 0) {
      used.add(t);
      pairs.push([t, e]);
    }
  });
  return pairs;
}

function wordSeparators(name: ParsedName): string {
  return name.units
    .filter((u, i) => i > 0 && u.word !== name.units[i - 1].word)
    .map((u) => (u.separator.includes("-") ? "-" : " "))
    .sort()
    .join("");
}

function outcomeOf(differences: NameDifference[]): NameComparison {
  if (differences.length === 0) return { outcome: "same", differences: [] };
  const blocks = differences.some((d) => nameDifferenceBlocks(d.kind));
  return { outcome: blocks ? "blocking" : "tolerated", differences };
}

function caseAndSpacingKey(raw: string): string {
  return raw.normalize("NFC").toLowerCase().trim().replace(/\s+/gu, " ");
}

/** compareNames("Cote", "Côté") → tolerated, [{ kind: "accents", word: "Côté" }]. */
export function compareNames(typed: string, expected: string): NameComparison {
  if (typed.normalize("NFC") === expected.normalize("NFC")) return { outcome: "same", differences: [] };
  if (caseAndSpacingKey(typed) === caseAndSpacingKey(expected)) {
    return outcomeOf([{ kind: "case_or_spacing" }]);
  }

  const a = parseName(typed);
  const b = parseName(expected);
  const differences: NameDifference[] = [];

  if (foldedText(a.units) === foldedText(b.units)) {
    letterLevelDifferences(a, b, differences);
    // Only spaces around hyphens or apostrophes differ ("Marie - Ève").
    return outcomeOf(differences.length > 0 ? differences : [{ kind: "case_or_spacing" }]);
  }

  const pairs = pairWords(a, b);
  const allWordsPaired = pairs.length === a.words.length && pairs.length === b.words.length;
  if (allWordsPaired) {
    differences.push({ kind: "family_name_order" });
    for (const [t, e] of pairs) letterLevelDifferences(parseName(a.words[t]), parseName(b.words[e]), differences);
    if (wordSeparators(a) !== wordSeparators(b)) addOnce(differences, { kind: "hyphen_or_space" });
    return outcomeOf(differences);
  }

  // A real spelling difference. Name the first word of the record the parent did not type, and still report
  // accent differences in the words that do pair up, so staff see the whole picture.
  const pairedExpected = new Set(pairs.map(([, e]) => e));
  const pairedTyped = new Set(pairs.map(([t]) => t));
  const unmatched =
    b.words.find((_, e) => !pairedExpected.has(e)) ?? a.words.find((_, t) => !pairedTyped.has(t));
  differences.push(unmatched === undefined ? { kind: "other" } : { kind: "other", word: unmatched });
  for (const [t, e] of pairs) {
    const accents: NameDifference[] = [];
    letterLevelDifferences(parseName(a.words[t]), parseName(b.words[e]), accents);
    for (const d of accents) if (d.kind === "accents") addOnce(differences, d);
  }
  return outcomeOf(differences);
}

