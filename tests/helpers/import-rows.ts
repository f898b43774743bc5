// One line of a student import file for database tests: a valid record of the given board and school, with the
// fields a test changes.
import type { ImportRowValues } from "@/lib/import/columns";

export function importRow(board: { code: string }, school: { code: string }, values: Partial<ImportRowValues> = {}): ImportRowValues {
  return {
    organisme: board.code,
    ecole: school.code,
    fiche: "1234567",
    code_permanent: "",
    nom: "Côté",
    prenom: "Léa-Rose",
    date_naissance: "2015-03-14",
    niveau: "6e année",
    courriel_1: "",
    courriel_2: "",
    ...values,
  };
}
