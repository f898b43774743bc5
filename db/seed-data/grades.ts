// Quebec grades from maternelle 4 ans to secondaire 5, and the birth dates that place a child in each.

export type Level = "primary" | "secondary";

export type Grade = {
  /** As school records print it. */
  label: string;
  level: Level;
  /** School years after 1re année (maternelle 4 ans = -2, 1re année = 0, secondaire 5 = 10). */
  offset: number;
  /** Relative share of students; maternelle 4 ans is not yet offered everywhere. */
  weight: number;
};

export const GRADES: readonly Grade[] = [
  { label: "Maternelle 4 ans", level: "primary", offset: -2, weight: 0.5 },
  { label: "Maternelle 5 ans", level: "primary", offset: -1, weight: 1 },
  { label: "1re année", level: "primary", offset: 0, weight: 1 },
  { label: "2e année", level: "primary", offset: 1, weight: 1 },
  { label: "3e année", level: "primary", offset: 2, weight: 1 },
  { label: "4e année", level: "primary", offset: 3, weight: 1 },
  { label: "5e année", level: "primary", offset: 4, weight: 1 },
  { label: "6e année", level: "primary", offset: 5, weight: 1 },
  { label: "Sec. 1", level: "secondary", offset: 6, weight: 1 },
  { label: "Sec. 2", level: "secondary", offset: 7, weight: 1 },
  { label: "Sec. 3", level: "secondary", offset: 8, weight: 1 },
  { label: "Sec. 4", level: "secondary", offset: 9, weight: 1 },
  { label: "Sec. 5", level: "secondary", offset: 10, weight: 1 },
];

/** The school year the generated data describes: 2026-2027. */
export const SCHOOL_YEAR_START = 2026;

/**
 * A child enters 1re année the year they turn 6 by September 30, so a grade covers births from October 1 to
 * September 30 of the following year. Returns ISO dates, both included.
 */
export function birthDateRangeFor(grade: Grade, schoolYearStart = SCHOOL_YEAR_START): { from: string; to: string } {
  const firstYear = schoolYearStart - 7 - grade.offset;
  return { from: `${firstYear}-10-01`, to: `${firstYear + 1}-09-30` };
}

/** The grade a birth date places a child in, or null when the child is too young or past secondaire 5. */
export function gradeForBirthDate(birthDate: string, schoolYearStart = SCHOOL_YEAR_START): Grade | null {
  return (
    GRADES.find((grade) => {
      const { from, to } = birthDateRangeFor(grade, schoolYearStart);
      return birthDate >= from && birthDate <= to;
    }) ?? null
  );
}
