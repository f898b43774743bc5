// Name lists for generated Quebec records: common family names, children's and parents' first names.
// Kept free of duplicates once accents, case and punctuation are removed, so generated emails stay unambiguous.

/** Frequent Quebec family names, with the spellings that trip exact matching: accents, "St-", apostrophes. */
export const FAMILY_NAMES = [
  "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
  "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher",
  "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre", "Poulin",
  "Thibault", "St-Pierre", "D'Amour", "O'Neil", "Nadeau", "Martel", "Bédard", "Desjardins", "Lemieux", "Mercier",
  "Bissonnette", "Thériault", "Lachance", "Hébert", "Lessard", "Grenier", "Bernier", "Lambert", "Dufour", "Desrosiers",
  "Boivin", "Tessier", "Vachon", "Savard", "Landry", "Charbonneau", "Demers", "Labelle", "Séguin", "Champagne",
  "Perron", "Rousseau", "Dion", "Marcoux", "Vaillancourt", "Rioux", "Gingras", "Larouche", "Harvey", "Dumont",
  "Brassard", "Plante", "Turcotte", "Guay", "Lacroix", "Drolet", "Giroux", "Ménard", "Asselin", "Labrecque",
  "L'Heureux", "D'Aoust", "St-Onge", "Ste-Marie", "Lépine", "Têtu", "Provencher", "Racine", "Émond", "Huot",
  "Audet", "Jobin", "Bilodeau", "Veilleux", "Doyon", "Lavallée", "Nguyen", "Tran", "Haddad", "Khoury",
  "Pierre-Louis", "Saint-Fleur", "Diallo", "Ng", "Wong", "Boudreault", "Ducharme", "Paré", "Létourneau", "Auclair",
] as const;

/** Girls' first names of children now in school, including compound names. */
export const GIRL_FIRST_NAMES = [
  "Léa", "Zoé", "Chloé", "Éloïse", "Anaïs", "Maïka", "Rosalie", "Béatrice", "Mégane", "Noémie",
  "Élodie", "Florence", "Charlotte", "Laurence", "Maëlle", "Alice", "Emma", "Olivia", "Juliette", "Livia",
  "Mia", "Romy", "Clara", "Camille", "Jade", "Léonie", "Ève", "Mila", "Maëva", "Annabelle",
  "Sofia", "Lily-Rose", "Léa-Rose", "Marie-Soleil", "Anne-Sophie", "Ariane", "Gabrielle", "Victoria", "Elsa",
  "Delphine", "Frédérique", "Justine", "Maude", "Océane", "Sarah-Maude", "Aurélie", "Coralie", "Laurie", "Amélie",
  "Émy", "Marie-Ève", "Clémence", "Héloïse", "Marguerite",
] as const;

/** Boys' first names of children now in school, including compound names. */
export const BOY_FIRST_NAMES = [
  "Émile", "Noah", "Thomas", "Jérémie", "Loïc", "Félix", "Olivier", "William", "Xavier", "Gabriel",
  "Raphaël", "Mathis", "Étienne", "Liam", "Léo", "Arthur", "Édouard", "Nathan", "Jacob", "Samuel",
  "Zacharie", "Louis", "Antoine", "Alexis", "Benjamin", "Charles", "Victor", "Hugo", "Logan", "Mathéo",
  "Théo", "Jules", "Éli", "Henri", "Adam", "Milan", "Justin", "Jean-Philippe", "Pier-Luc", "Charles-Antoine",
  "Marc-Olivier", "Anthony", "Nicolas", "Vincent", "Cédric", "Elliot", "Jean-François", "Isaac", "Malik", "Anakin",
] as const;

/** First names of the parents' generation, both sexes (used for guardian email addresses). */
export const PARENT_FIRST_NAMES = [
  "Julie", "Mélanie", "Stéphanie", "Isabelle", "Geneviève", "Valérie", "Karine", "Annie", "Caroline", "Nathalie",
  "Émilie", "Catherine", "Audrey", "Véronique", "Marie-Claude", "Marie-Pier", "Josée", "Sophie", "Vanessa", "Jessica",
  "Andrée-Anne", "Kathleen", "Chantal", "Nancy", "Marie-Josée", "Mathieu", "Sébastien", "Patrick", "Éric",
  "Marc-André", "Martin", "Simon", "Dominic", "François", "Jonathan", "Maxime", "Pierre-Luc", "Frédéric",
  "Alexandre", "Steve", "Yannick", "Guillaume", "Jérôme", "Michaël", "David", "Louis-Philippe", "Philippe", "Kevin",
  "Stéphane", "Jean-Sébastien",
] as const;

/** "Tremblay" + "Gagnon" → "Tremblay-Gagnon" (or "Tremblay Gagnon"): a child carrying both parents' names. */
export function doubleFamilyName(first: string, second: string, separator: "-" | " " = "-"): string {
  return `${first}${separator}${second}`;
}

/** Examples of the double family names the generator produces, for tests and documentation. */
export const DOUBLE_FAMILY_NAME_EXAMPLES = [
  doubleFamilyName("Tremblay", "Gagnon"),
  doubleFamilyName("Côté", "Bouchard", " "),
  doubleFamilyName("D'Amour", "Lévesque"),
] as const;
