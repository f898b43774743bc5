// Generators of Quebec-looking names for the property tests: accents, ligatures, hyphens, apostrophes.
import fc from "fast-check";

const letters = [..."abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ"];

export const wordArb = fc
  .array(fc.constantFrom(...letters), { minLength: 1, maxLength: 9 })
  .map((chars) => chars.join(""))
  .map((w) => w[0].toUpperCase() + w.slice(1));

/** "Tremblay-Gagnon", "D'Amour", "Marie Ève", "O’Neil". */
export const nameArb = fc
  .tuple(wordArb, fc.array(fc.tuple(fc.constantFrom(" ", "-", "'", "’"), wordArb), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.map(([separator, word]) => separator + word).join(""));

export function withoutAccents(name: string): string {
  return name.normalize("NFD").replace(/\p{M}+/gu, "").normalize("NFC");
}

/** Letters only, folded: two names with different multisets of these differ in spelling. */
export function sortedLetters(name: string): string {
  return [...withoutAccents(name.toLowerCase()).replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/[^\p{L}]/gu, "")]
    .sort()
    .join("");
}
