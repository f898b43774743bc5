// The association attempts of the bench data set: every associated child has its successful attempt, and some
// families failed first, the ways parents do (an address the school does not have yet, a birth date or a name
// mistyped, a wrong fiche). The findings come from the real rule (diagnoseAssociation), so the attempts screen and
// the figures read what the app would have stored.
import { diagnoseAssociation, type AssociationInput, type StudentRecord } from "@/lib/association/diagnose";
import type { Reason } from "@/lib/association/reasons";
import { createRandom, deriveSeed } from "@/db/seed-data/random";
import { BENCH_SEED, type BenchStudent } from "@/bench/data-set";

export type BenchAttempt = {
  success: boolean;
  typed: { lastName: string; firstName: string; birthDate: string; identifier: string };
  reasons: Reason[];
  /** Null when the typed identifier designates no record (student_not_found). */
  candidateStudentId: number | null;
  createdAt: Date;
  ip: string;
  userAgent: string;
};

/** Share of associated children whose parent failed at least once before succeeding. */
export const FAILED_FIRST_RATE = 0.3;

const PERIOD_START = Date.UTC(2026, 7, 20, 12); // 20 August 2026: the start of the school year
const PERIOD_DAYS = 85;
const PERIOD_END = Date.UTC(2026, 10, 20, 23); // 20 November 2026: no attempt after it
const USER_AGENTS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
];

type Mistake = "email" | "birthDate" | "lastName" | "firstName" | "fiche";
const MISTAKES: readonly Mistake[] = ["email", "birthDate", "lastName", "firstName", "fiche"];
const MISTAKE_WEIGHTS = [35, 20, 20, 10, 15];

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** A letter dropped from the longest word: the kind of typo that blocks. */
function dropALetter(name: string): string {
  return name.length > 3 ? name.slice(0, 2) + name.slice(3) : `${name}e`;
}

/** Draws the attempts of each associated child in stream order; the same seed gives the same attempts. */
export function createAttemptGenerator() {
  const random = createRandom(deriveSeed(BENCH_SEED, "bench-attempts"));
  /** `notBefore`: when the family's account was made, for a child associated after the first. */
  return (student: BenchStudent, boardId: number, accountEmail: string, notBefore?: Date): BenchAttempt[] => {
    const record: StudentRecord = {
      id: student.id,
      fiche: student.fiche,
      codePermanent: student.codePermanent,
      lastName: student.lastName,
      firstName: student.firstName,
      birthDate: student.birthDate,
      guardianEmails: student.guardianEmails,
    };
    const exact: AssociationInput = {
      boardId,
      lastName: student.lastName,
      firstName: student.firstName,
      birthDate: student.birthDate,
      identifier: random.chance(0.8) ? student.fiche : student.codePermanent,
      accountEmail,
    };
    const failures = random.chance(FAILED_FIRST_RATE) ? random.int(1, 3) : 0;
    let time =
      notBefore === undefined
        ? PERIOD_START + random.int(0, PERIOD_DAYS * 24 * 3600) * 1000
        : notBefore.getTime() + random.int(60, 14 * 24 * 3600) * 1000;
    const ip = `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
    const userAgent = random.pick(USER_AGENTS);
    const attempts: BenchAttempt[] = [];

    const attempt = (input: AssociationInput, candidates: StudentRecord[], recentFailedAttempts: number) => {
      const result = diagnoseAssociation(input, {
        board: { id: boardId, subscribed: true },
        candidates,
        alreadyAssociatedStudentIds: [],
        recentFailedAttempts,
        maxAttempts: 10,
      });
      attempts.push({
        success: result.ok,
        typed: { lastName: input.lastName, firstName: input.firstName, birthDate: input.birthDate, identifier: input.identifier },
        reasons: result.ok ? result.notes : result.reasons,
        candidateStudentId: result.ok ? result.studentId : result.candidateStudentId,
        createdAt: new Date(Math.min(time, PERIOD_END)),
        ip,
        userAgent,
      });
      time += random.int(60, 24 * 3600) * 1000;
    };

    for (let i = 0; i < failures; i++) {
      const mistake = MISTAKES[random.weightedIndex(MISTAKE_WEIGHTS)]!;
      if (mistake === "email") {
        // Before the school put this parent's address on the record.
        attempt(exact, [{ ...record, guardianEmails: record.guardianEmails.filter((e) => e !== accountEmail) }], i);
      } else if (mistake === "fiche") {
        attempt({ ...exact, identifier: student.fiche.length > 1 ? student.fiche.slice(0, -1) : "9" }, [], i);
      } else if (mistake === "birthDate") {
        attempt({ ...exact, birthDate: nextDay(student.birthDate) }, [record], i);
      } else if (mistake === "lastName") {
        attempt({ ...exact, lastName: dropALetter(student.lastName) }, [record], i);
      } else {
        attempt({ ...exact, firstName: dropALetter(student.firstName) }, [record], i);
      }
    }
    attempt(exact, [record], failures);
    return attempts;
  };
}
