// An attempt's search_names (migration 0034), which the province-wide search by name reads alone, is kept by the
// database: the typed names and the candidate's name as it is now, whoever writes the attempt or the record.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { searchAttemptsForStaff } from "@/db/queries/attempts";
import { associationAttempts, students } from "@/db/schema";
import { foldForSearch } from "@/lib/names";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { recordTestAttempt } from "@/tests/helpers/staff-fixtures";

async function searchNames(id: string): Promise<string> {
  const [row] = await db.select({ names: associationAttempts.searchNames }).from(associationAttempts).where(eq(associationAttempts.id, id));
  return row!.names;
}

const province = { kind: "all" } as const;
const found = async (student: string) =>
  (await searchAttemptsForStaff(province, { student, outcome: "all" })).rows.map((row) => row.id);

describe("an attempt's search_names", () => {
  it("are the typed names and the candidate's name, kept when the record is renamed or deleted", async () => {
    const { school } = await createBoardWithSchool();
    const record = await createStudent(school, { lastName: "Tremblay-Ng", firstName: "Éloïse" });
    const parent = await createParent("noms.tenus@exemple.ca");
    const attempt = await recordTestAttempt({
      parentAccountId: parent.id,
      boardId: school.boardId,
      candidateStudentId: record.id,
      typed: { lastName: "Trambley", firstName: "Éloïse", birthDate: "2015-03-14", identifier: "1234567" },
    });
    expect(await searchNames(attempt.id)).toBe("trambley eloise tremblay ng eloise");
    expect(await found("tremblay eloi")).toEqual([attempt.id]);
    expect(await found("trambley ng")).toEqual([attempt.id]);

    // A value written by hand is replaced.
    await db.update(associationAttempts).set({ searchNames: "autre" }).where(eq(associationAttempts.id, attempt.id));
    expect(await searchNames(attempt.id)).toBe("trambley eloise tremblay ng eloise");

    // The record renamed: its attempts are found by the new name, no longer by the old one.
    await db
      .update(students)
      .set({ lastName: "Gagnon", searchName: foldForSearch("Gagnon Éloïse") })
      .where(eq(students.id, record.id));
    expect(await searchNames(attempt.id)).toBe("trambley eloise gagnon eloise");
    expect(await found("gagnon")).toEqual([attempt.id]);
    expect(await found("tremblay")).toEqual([]);
    expect(await found("trambley")).toEqual([attempt.id]);

    // The typed names changed (no writer does, but the column follows).
    await db
      .update(associationAttempts)
      .set({ typed: sql`jsonb_set(${associationAttempts.typed}, '{lastName}', '"Ouellet"')` })
      .where(eq(associationAttempts.id, attempt.id));
    expect(await searchNames(attempt.id)).toBe("ouellet eloise gagnon eloise");

    // The record deleted: the attempt keeps only what the parent typed.
    await db.delete(students).where(eq(students.id, record.id));
    expect(await searchNames(attempt.id)).toBe("ouellet eloise ");
    expect(await found("gagnon")).toEqual([]);
    expect(await found("ouellet")).toEqual([attempt.id]);
  });
});
