// Finding a school board by a few typed words, whatever the accents, case or hyphens.
import { foldForSearch } from "@/lib/names";

/** Whether every word typed appears in the board's name ("premieres seign" finds "CSS des Premières-Seigneuries"). */
export function boardMatches(name: string, query: string): boolean {
  const words = foldForSearch(query).split(" ").filter(Boolean);
  const folded = foldForSearch(name);
  return words.every((word) => folded.includes(word));
}
