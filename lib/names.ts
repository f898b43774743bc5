// Folding of people's names for search: no accents, case, hyphens, apostrophes or repeated spaces.

/** "Tremblay-Gagnon, Marie-Ève" → "tremblay gagnon marie eve". */
export function foldForSearch(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@._+]+/gu, " ")
    .trim()
    .replace(/\s+/g, " ");
}
