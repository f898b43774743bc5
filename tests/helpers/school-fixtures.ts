import { eq } from "drizzle-orm";
// Minimal school data for database tests: boards, schools, students with guardian emails, NIPs.
import { db } from "@/db/client";
import {
  guardianEmails,
  nips,
  schoolBoards,
  schools,
  staffUsers,
  students,
  type NewStudent,
  type Nip,
  type School,
  type SchoolBoard,
  type Student,
} from "@/db/schema";
import { foldForSearch } from "@/lib/names";
import { hashSecret } from "@/lib/secret-hash";

let sequence = 0;
function next() {
  sequence += 1;
  return sequence;
}

export async function createBoard(values: Partial<typeof schoolBoards.$inferInsert> = {}): Promise<SchoolBoard> {
  const n = next();
  const [board] = await db
    .insert(schoolBoards)
    .values({
      code: `B${n}`,
      name: `CSS de test ${n}`,
      kind: "css",
      subscribed: true,
      firstRegistrationUrl: `https://board-${n}.example/inscription`,
      otherSchoolUrl: `https://board-${n}.example/autre-ecole`,
      ...values,
    })
    .returning();
  return board!;
}

export async function createSchool(
  board: Pick<SchoolBoard, "id">,
  values: Partial<typeof schools.$inferInsert> = {},
): Promise<School> {
  const n = next();
  const [school] = await db
    .insert(schools)
    .values({
      boardId: board.id,
      code: `S${n}`,
      name: `École de test ${n}`,
      phone: "418 555-0100",
      email: `ecole${n}@example.ca`,
      address: `${n}, rue de l'École, Québec (Québec) G1A 1A1`,
      website: `https://ecole-${n}.example.ca`,
      ...values,
    })
    .returning();
  return school!;
}

export type StudentValues = Partial<Omit<NewStudent, "boardId" | "schoolId">> & { guardianEmails?: string[] };

/** A student of `school` (and its board). Defaults: Léa-Rose Côté, born 2015-03-14, a fiche unique to the run. */
export async function createStudent(
  school: Pick<School, "id" | "boardId">,
  { guardianEmails: emails = [], ...values }: StudentValues = {},
): Promise<Student> {
  const n = next();
  const lastName = values.lastName ?? "Côté";
  const firstName = values.firstName ?? "Léa-Rose";
  const [student] = await db
    .insert(students)
    .values({
      boardId: school.boardId,
      schoolId: school.id,
      fiche: String(1_000_000 + n),
      codePermanent: null,
      birthDate: "2015-03-14",
      grade: "6e année",
      ...values,
      lastName,
      firstName,
      searchName: foldForSearch(`${lastName} ${firstName}`),
    })
    .returning();
  if (emails.length > 0) {
    await db
      .insert(guardianEmails)
      .values(emails.map((email, i) => ({ studentId: student!.id, email, position: i + 1 })));
    // As stored now: the emails' trigger has set has_guardian_email.
    return (await db.select().from(students).where(eq(students.id, student!.id)))[0]!;
  }
  return student!;
}

/** A board with one school: the usual starting point. */
export async function createBoardWithSchool(boardValues: Partial<typeof schoolBoards.$inferInsert> = {}) {
  const board = await createBoard(boardValues);
  const school = await createSchool(board);
  return { board, school };
}

async function anyStaffId(): Promise<string> {
  const existing = await db.query.staffUsers.findFirst({ columns: { id: true } });
  if (existing) return existing.id;
  const [staff] = await db
    .insert(staffUsers)
    .values({ email: `secretariat${next()}@example.ca`, name: "Secrétariat de test", role: "admin" })
    .returning({ id: staffUsers.id });
  return staff!.id;
}

/**
 * A NIP row for `student` whose code is `code` (already normalised), stored hashed as the app does. Defaults to
 * valid for 15 minutes; pass expiresAt / consumedAt / revokedAt to build the other states.
 */
export async function insertNip(
  student: Pick<Student, "id" | "boardId">,
  code: string,
  values: Partial<typeof nips.$inferInsert> = {},
): Promise<Nip> {
  const [nip] = await db
    .insert(nips)
    .values({
      studentId: student.id,
      boardId: student.boardId,
      codeHash: hashSecret(code, "nip"),
      issuedByStaffId: values.issuedByStaffId ?? (await anyStaffId()),
      expiresAt: new Date(Date.now() + 15 * 60_000),
      ...values,
    })
    .returning();
  return nip!;
}
