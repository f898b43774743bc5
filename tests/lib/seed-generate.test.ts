import { describe, expect, it } from "vitest";
import { codePermanent } from "@/db/seed-data/code-permanent";
import { DEMO_BOARDS, DEMO_SCHOOLS, FIXTURE_STUDENTS } from "@/db/seed-data/fixtures";
import {
  emailNamePart,
  generateBoards,
  generateSchools,
  generateStudents,
  type StudentRecord,
} from "@/db/seed-data/generate";
import { birthDateRangeFor, gradeForBirthDate, GRADES } from "@/db/seed-data/grades";
import { FAMILY_NAMES, PARENT_FIRST_NAMES } from "@/db/seed-data/quebec-names";
import { mulberry32 } from "@/db/seed-data/random";

function take<T>(iterator: Iterator<T>, n: number): T[] {
  const items: T[] = [];
  for (let i = 0; i < n; i++) {
    const step = iterator.next();
    if (step.done) break;
    items.push(step.value);
  }
  return items;
}

const demo = { boards: DEMO_BOARDS, schools: DEMO_SCHOOLS };

describe("mulberry32", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("generateStudents", () => {
  it("yields the same records for the same seed, and other records for another seed", () => {
    const one = [...generateStudents({ seed: 7, ...demo, count: 300 })];
    const two = [...generateStudents({ seed: 7, ...demo, count: 300 })];
    const other = [...generateStudents({ seed: 8, ...demo, count: 300 })];
    expect(one).toHaveLength(300);
    expect(two).toEqual(one);
    expect(other).not.toEqual(one);
  });

  it("yields a prefix of a longer run when asked for fewer students", () => {
    const short = [...generateStudents({ seed: 7, ...demo, count: 50 })];
    const long = take(generateStudents({ seed: 7, ...demo, count: 500 }), 50);
    expect(short).toEqual(long);
  });

  it("streams lazily: the first records of a Quebec-sized run come without generating the rest", () => {
    const boards = generateBoards({ seed: 1, publicCount: 69, privateCount: 30 });
    const schools = generateSchools({ seed: 1, boards, total: 3000 });
    const started = performance.now();
    const stream = generateStudents({ seed: 1, boards, schools, count: 1_500_000 });
    const firsts = take(stream, 1000);
    expect(firsts).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(typeof stream[Symbol.iterator]).toBe("function");
  });

  it("gives each student a grade matching the birth date for 2026-2027 and a code permanent built from the record", () => {
    for (const s of generateStudents({ seed: 3, ...demo, count: 2000 })) {
      expect(gradeForBirthDate(s.birthDate)?.label).toBe(s.grade);
      const full = codePermanent(s, Number(s.codePermanent.slice(10) || 0));
      expect(s.codePermanent).toMatch(/^[A-Z]{4}\d{6}(\d{2})?$/);
      expect(full.startsWith(s.codePermanent.slice(0, 10))).toBe(true);
    }
  });

  it("places primary grades in primary schools and secondary grades in secondary schools", () => {
    const levelOf = new Map(DEMO_SCHOOLS.map((s) => [`${s.boardCode}/${s.code}`, s.level]));
    const gradeLevel = new Map(GRADES.map((g) => [g.label, g.level]));
    for (const s of generateStudents({ seed: 3, ...demo, count: 2000 })) {
      expect(levelOf.get(`${s.boardCode}/${s.schoolCode}`)).toBe(gradeLevel.get(s.grade));
    }
  });

  it("never gives one email to two families, and keeps fiches unique per board", () => {
    const boards = generateBoards({ seed: 2, publicCount: 10, privateCount: 3 });
    const schools = generateSchools({ seed: 2, boards, total: 120 });
    const familyOfEmail = new Map<string, number>();
    const fiches = new Set<string>();
    const shared: string[] = [];
    let count = 0;
    for (const s of generateStudents({ seed: 2, boards, schools, count: 60_000 })) {
      count++;
      for (const email of s.guardianEmails) {
        if ((familyOfEmail.get(email) ?? s.familyIndex) !== s.familyIndex) shared.push(email);
        familyOfEmail.set(email, s.familyIndex);
      }
      fiches.add(`${s.boardCode}/${s.fiche}`);
    }
    expect(shared).toEqual([]);
    expect(fiches.size).toBe(count);
  });

  it("produces the realistic variety the demo needs: two répondants, + and _ addresses, shared parents, incomplete codes", () => {
    const students: StudentRecord[] = [...generateStudents({ seed: 11, ...demo, count: 2000 })];
    const twoGuardians = students.filter((s) => s.guardianEmails.length === 2).length / students.length;
    expect(twoGuardians).toBeGreaterThan(0.3);
    expect(twoGuardians).toBeLessThan(0.5);
    const incomplete = students.filter((s) => s.codePermanent.length === 10).length / students.length;
    expect(incomplete).toBeGreaterThan(0.005);
    expect(incomplete).toBeLessThan(0.05);
    const emails = students.flatMap((s) => s.guardianEmails);
    expect(emails.some((e) => /\+/.test(e))).toBe(true);
    expect(emails.some((e) => /_/.test(e.split("@")[0]))).toBe(true);
    expect(emails.every((e) => e === e.toLowerCase() && /^[a-z0-9._+-]+@[a-z0-9.-]+\.[a-z]+$/.test(e))).toBe(true);
    const boardsOfFamily = new Map<number, Set<string>>();
    for (const s of students) {
      boardsOfFamily.set(s.familyIndex, (boardsOfFamily.get(s.familyIndex) ?? new Set()).add(s.boardCode));
    }
    expect([...boardsOfFamily.values()].some((b) => b.size > 1)).toBe(true);
    expect(students.some((s) => s.lastName.includes("-") || s.lastName.includes(" "))).toBe(true);
  });
});

describe("name lists", () => {
  it("stay distinct once folded, and no family name reads as a parent's first name (emails stay unambiguous)", () => {
    const families = FAMILY_NAMES.map((n) => emailNamePart(n));
    const compactFirsts = PARENT_FIRST_NAMES.map((n) => emailNamePart(n, ""));
    const hyphenatedFirsts = PARENT_FIRST_NAMES.map((n) => emailNamePart(n));
    expect(new Set(families).size).toBe(families.length);
    expect(new Set(compactFirsts).size).toBe(compactFirsts.length);
    expect(families.filter((f) => compactFirsts.includes(f) || hyphenatedFirsts.includes(f))).toEqual([]);
  });
});

describe("code permanent", () => {
  it("takes letters across apostrophes and hyphens, pads short names with X and adds 50 to a girl's month", () => {
    expect(codePermanent({ lastName: "D'Amour", firstName: "Émile", sex: "M", birthDate: "2014-09-03" }, 12)).toBe("DAME03091412");
    expect(codePermanent({ lastName: "St-Pierre", firstName: "Zoé", sex: "F", birthDate: "2016-12-31" }, 5)).toBe("STPZ31621605");
    expect(codePermanent({ lastName: "Ng", firstName: "Léa", sex: "F", birthDate: "2019-01-07" }, null)).toBe("NGXL075119");
  });

  it("matches the fixed demo students, whose grades also match their birth dates", () => {
    for (const s of FIXTURE_STUDENTS) {
      expect(codePermanent(s, Number(s.codePermanent.slice(10)))).toBe(s.codePermanent);
      expect(gradeForBirthDate(s.birthDate)?.label).toBe(s.grade);
    }
  });

  it("places a child born on September 30 in the older grade and on October 1 in the younger", () => {
    const first = GRADES.find((g) => g.label === "1re année")!;
    expect(birthDateRangeFor(first)).toEqual({ from: "2019-10-01", to: "2020-09-30" });
    expect(gradeForBirthDate("2020-09-30")?.label).toBe("1re année");
    expect(gradeForBirthDate("2020-10-01")?.label).toBe("Maternelle 5 ans");
  });
});
