// Staff members and their scopes for database tests, plus association attempts written directly.
import { db } from "@/db/client";
import { loadStaffContext } from "@/db/queries/staff";
import { associationAttempts, staffSchools, staffUsers, type AttemptInput, type AttemptReason, type StaffRole } from "@/db/schema";
import type { StaffContext } from "@/db/queries/staff";

let sequence = 0;

/** A staff member and the context requireStaff() would give them (scope read back from the database). */
export async function createStaff(
  role: StaffRole,
  options: { boardId?: number | null; schoolIds?: number[] } = {},
): Promise<StaffContext> {
  sequence += 1;
  const [staff] = await db
    .insert(staffUsers)
    .values({ email: `personnel${sequence}-${role}@example.ca`, name: `Personnel ${sequence}`, role, boardId: options.boardId ?? null })
    .returning();
  if (options.schoolIds?.length) {
    await db.insert(staffSchools).values(options.schoolIds.map((schoolId) => ({ staffUserId: staff!.id, schoolId })));
  }
  const context = await loadStaffContext(staff!.id);
  if (!context) throw new Error("staff context missing");
  return context;
}

export const secretaryOf = (school: { id: number; boardId: number }) =>
  createStaff("secretary", { boardId: school.boardId, schoolIds: [school.id] });
export const boardSupportOf = (board: { id: number }) => createStaff("board_support", { boardId: board.id });
export const anAdmin = () => createStaff("admin");

export type AttemptValues = {
  parentAccountId: string;
  boardId?: number | null;
  candidateStudentId?: number | null;
  method?: "match" | "nip";
  success?: boolean;
  typed?: AttemptInput;
  reasons?: AttemptReason[];
  createdAt?: Date;
};

/** An association attempt as the parent side records it. */
export async function recordTestAttempt(values: AttemptValues) {
  const [row] = await db
    .insert(associationAttempts)
    .values({
      parentAccountId: values.parentAccountId,
      method: values.method ?? "match",
      boardId: values.boardId ?? null,
      candidateStudentId: values.candidateStudentId ?? null,
      success: values.success ?? false,
      typed: values.typed ?? { lastName: "Côté", firstName: "Léa-Rose", birthDate: "2015-03-14", identifier: "1000001" },
      reasons: values.reasons ?? [{ code: "email_not_on_record", field: "email", kind: "not_listed" }],
      ip: "192.0.2.1",
      userAgent: "vitest",
      ...(values.createdAt ? { createdAt: values.createdAt } : {}),
    })
    .returning();
  return row!;
}
