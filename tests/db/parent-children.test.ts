import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { associations } from "@/db/schema";
import { associateByMatch, boardsForPicker, childrenOfParent } from "@/db/queries/associations";
import { associateByRecord, createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createSchool, createStudent } from "@/tests/helpers/school-fixtures";

const client = { ip: null, userAgent: null };

describe("my children", () => {
  it("lists associated children with their school contact, and children seen by email apart", async () => {
    const parent = await createParent("famille.roy@exemple.ca");
    const { board, school } = await createBoardWithSchool({ name: "CSS des Navigateurs" });
    const emile = await createStudent(school, { firstName: "Émile", lastName: "Roy", guardianEmails: [parent.email] });
    await createStudent(school, {
      firstName: "Maïka",
      lastName: "Roy",
      birthDate: "2012-11-23",
      guardianEmails: ["famille.roy@exemple.ca"],
    });
    const outcome = await associateByMatch({
      parentAccountId: parent.id,
      accountEmail: parent.email,
      boardId: board.id,
      lastName: "Roy",
      firstName: "Émile",
      birthDate: emile.birthDate,
      identifier: emile.fiche,
      ...client,
    });
    expect(outcome.ok).toBe(true);

    const children = await childrenOfParent(parent.id, parent.email);
    expect(children.associated).toEqual([
      expect.objectContaining({
        studentId: emile.id,
        firstName: "Émile",
        lastName: "Roy",
        board: { id: board.id, name: "CSS des Navigateurs" },
        school: {
          name: school.name,
          phone: school.phone,
          email: school.email,
          address: school.address,
          website: school.website,
        },
      }),
    ]);
    expect(children.seenByEmail).toEqual([
      { firstName: "Maïka", schoolName: school.name, boardId: board.id, boardName: "CSS des Navigateurs" },
    ]);
    expect(JSON.stringify(children.seenByEmail)).not.toContain("2012-11-23");
    expect(children.boards).toEqual([
      {
        id: board.id,
        name: "CSS des Navigateurs",
        firstRegistrationUrl: board.firstRegistrationUrl,
        otherSchoolUrl: board.otherSchoolUrl,
      },
    ]);
  });

  it("leaves out children of other emails, of boards not subscribed, archived records and revoked associations", async () => {
    const parent = await createParent("famille.gagnon@exemple.ca");
    const { board, school } = await createBoardWithSchool();
    const closed = await createBoardWithSchool({ subscribed: false });
    await createStudent(school, { guardianEmails: ["quelquun.dautre@exemple.ca"] });
    await createStudent(closed.school, { guardianEmails: [parent.email] });
    await createStudent(school, { guardianEmails: [parent.email], archivedAt: new Date() });
    const revoked = await createStudent(await createSchool(board), { firstName: "Zoé", guardianEmails: [parent.email] });
    await db
      .insert(associations)
      .values({ parentAccountId: parent.id, studentId: revoked.id, method: "match", revokedAt: new Date() });

    const children = await childrenOfParent(parent.id, parent.email);
    expect(children.associated).toEqual([]);
    // Once revoked, the child is back among those seen by email: the parent may associate again.
    expect(children.seenByEmail.map((c) => c.firstName)).toEqual(["Zoé"]);
  });

  it("moves a child from « seen by email » to « associated » once associated", async () => {
    const parent = await createParent("famille.cote@exemple.ca");
    const { board, school } = await createBoardWithSchool();
    const child = await createStudent(school, { guardianEmails: [parent.email] });
    expect((await childrenOfParent(parent.id, parent.email)).seenByEmail).toHaveLength(1);
    await associateByRecord(parent, child, client);
    const after = await childrenOfParent(parent.id, parent.email);
    expect(after.seenByEmail).toEqual([]);
    expect(after.associated.map((c) => c.studentId)).toEqual([child.id]);
    const rows = await db.select().from(associations).where(eq(associations.parentAccountId, parent.id));
    expect(rows).toHaveLength(1);
  });
});

describe("board picker", () => {
  it("lists every board by name with its subscription and its forms' addresses", async () => {
    await createBoardWithSchool({ name: "Collège privé Saint-Laurent", kind: "private", subscribed: false });
    await createBoardWithSchool({ name: "CSS des Appalaches" });
    const mine = new Set(["Collège privé Saint-Laurent", "CSS des Appalaches"]);
    const boards = (await boardsForPicker()).filter((b) => mine.has(b.name));
    expect(boards.map((b) => b.name)).toEqual(["Collège privé Saint-Laurent", "CSS des Appalaches"]);
    expect(boards[0]).toMatchObject({ kind: "private", subscribed: false, firstRegistrationUrl: expect.any(String) });
  });
});
