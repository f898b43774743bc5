import { beforeAll, describe, expect, it } from "vitest";
import { boardNameOfScope, findSchoolsInScope, schoolCountInScope, schoolInScope, schoolsInScope } from "@/db/queries/scope-schools";
import type { School, SchoolBoard } from "@/db/schema";
import type { StaffScope } from "@/lib/auth/scope";
import { createBoard, createSchool } from "@/tests/helpers/school-fixtures";

// Board "CSS des Navigateurs": École Sainte-Anne, École Saint-Édouard, Collège Régional. Board "CSS du Fleuve":
// École Sainte-Anne-du-Lac.
let navigateurs: SchoolBoard, fleuve: SchoolBoard;
let sainteAnne: School, saintEdouard: School, college: School, sainteAnneDuLac: School;

beforeAll(async () => {
  navigateurs = await createBoard({ name: "CSS des Navigateurs" });
  fleuve = await createBoard({ name: "CSS du Fleuve" });
  sainteAnne = await createSchool(navigateurs, { name: "École Sainte-Anne", code: "041" });
  saintEdouard = await createSchool(navigateurs, { name: "École Saint-Édouard" });
  college = await createSchool(navigateurs, { name: "Collège Régional" });
  sainteAnneDuLac = await createSchool(fleuve, { name: "École Sainte-Anne-du-Lac" });
});

const ids = (schools: { id: number }[]) => schools.map((s) => s.id);

describe("school pickers", () => {
  it("finds schools by words typed without accents, case or hyphens, in any order", async () => {
    const all = { kind: "all" } as const;
    expect(ids(await findSchoolsInScope(all, "sainte anne"))).toEqual([sainteAnne.id, sainteAnneDuLac.id]);
    expect(ids(await findSchoolsInScope(all, "EDOUARD st"))).toEqual([]);
    expect(ids(await findSchoolsInScope(all, "edouard saint"))).toEqual([saintEdouard.id]);
    expect(ids(await findSchoolsInScope(all, "regional"))).toEqual([college.id]);
    // An admin also finds a school by its board's name; a school by its code.
    expect(ids(await findSchoolsInScope(all, "fleuve anne"))).toEqual([sainteAnneDuLac.id]);
    expect(ids(await findSchoolsInScope(all, "041"))).toContain(sainteAnne.id);
  });

  it("never offers a school outside the scope", async () => {
    const board = { kind: "board", boardId: navigateurs.id } as const;
    expect(ids(await findSchoolsInScope(board, "sainte anne"))).toEqual([sainteAnne.id]);
    expect(ids(await findSchoolsInScope(board, "fleuve"))).toEqual([]);
    const secretary: StaffScope = { kind: "schools", schoolIds: [college.id] };
    expect(ids(await findSchoolsInScope(secretary, "ecole"))).toEqual([]);
    expect(await schoolInScope(secretary, sainteAnne.id)).toBeNull();
    expect(await schoolInScope(board, sainteAnne.id)).toMatchObject({ name: "École Sainte-Anne", boardName: "CSS des Navigateurs" });
    expect(await schoolCountInScope(board)).toBe(3);
    expect(await schoolCountInScope(secretary)).toBe(1);
  });

  it("reads wildcards and odd input literally, and caps the list", async () => {
    const all = { kind: "all" } as const;
    expect(await findSchoolsInScope(all, "%")).toEqual([]);
    expect(await findSchoolsInScope(all, "_")).toEqual([]);
    expect(await findSchoolsInScope(all, "   ")).toEqual([]);
    expect(await findSchoolsInScope(all, "x".repeat(10_000))).toEqual([]);
    expect((await findSchoolsInScope(all, "e", 2)).length).toBe(2);
  });
});

describe("the names of a staff member's own scope (the figures page says whose figures it shows)", () => {
  it("names a secretary's schools and a board's name, never another board's", async () => {
    const secretary: StaffScope = { kind: "schools", schoolIds: [saintEdouard.id, college.id] };
    expect((await schoolsInScope(secretary)).map((s) => s.name)).toEqual(["Collège Régional", "École Saint-Édouard"]);
    expect(await schoolsInScope({ kind: "schools", schoolIds: [] })).toEqual([]);
    expect(await boardNameOfScope({ kind: "board", boardId: fleuve.id })).toBe("CSS du Fleuve");
    expect(await boardNameOfScope(secretary)).toBeNull();
    expect(ids(await schoolsInScope({ kind: "board", boardId: fleuve.id }))).toEqual([sainteAnneDuLac.id]);
  });
});
