// The benchmark data set at Quebec scale: its fixed seed and shape, shared by every bench script so they all
// describe the same province (70 organismes scolaires, 3,000 schools, 1.5 M students, ~2.5 M guardian emails).
import { generateBoards, generateSchools, generateStudents, type StudentRecord } from "@/db/seed-data/generate";
import { createRandom, deriveSeed } from "@/db/seed-data/random";

export const BENCH_SEED = 20_261_123;
export const BENCH_STUDENTS = 1_500_000;

/** 64 public boards (CSS and English) and 6 private schools that are their own organisme. */
export const benchBoards = generateBoards({ seed: BENCH_SEED, publicCount: 64, privateCount: 6 });
export const benchSchools = generateSchools({ seed: BENCH_SEED, boards: benchBoards, total: 3_000 });

/** Share of records without any guardian email (a school that never got one): what "courriel=sans" finds. */
export const NO_EMAIL_RATE = 0.004;
/** Share of families whose first guardian made an account and associated all their children. */
export const ACCOUNT_RATE = 0.55;

export type BenchStudent = StudentRecord & {
  /** 1-based position in the stream: the student's id in the bench database. */
  id: number;
  /** Whether the family's first guardian has an account associated with this child. */
  associated: boolean;
};

/**
 * The students of the data set, in a fixed order. Two répondants for 65 % of families gives ~1.67 emails per
 * student (~2.5 M at 1.5 M students); a few records lose their emails and half the families have an account, so
 * every search filter has something to find.
 */
export function* benchStudents(count = BENCH_STUDENTS): Generator<BenchStudent> {
  const random = createRandom(deriveSeed(BENCH_SEED, "bench-extras"));
  let family = -1;
  let familyHasAccount = false;
  let id = 0;
  for (const student of generateStudents({
    seed: BENCH_SEED,
    boards: benchBoards,
    schools: benchSchools,
    count,
    twoGuardianRate: 0.65,
  })) {
    if (student.familyIndex !== family) {
      family = student.familyIndex;
      familyHasAccount = random.chance(ACCOUNT_RATE);
    }
    const withoutEmail = random.chance(NO_EMAIL_RATE);
    id += 1;
    yield {
      ...student,
      id,
      guardianEmails: withoutEmail ? [] : student.guardianEmails,
      associated: familyHasAccount && !withoutEmail,
    };
  }
}
