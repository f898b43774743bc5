// Shortcuts for tests that need parent accounts and codes.
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { associateByMatch } from "@/db/queries/associations";
import { emailOutbox, parentAccounts, type Student } from "@/db/schema";
import { hashPassword } from "@/lib/password-hash";

export const strongPassword = "Trois-Pommes-Vertes-2026";

/** The 6-digit code in the newest email sent to an address. */
export async function latestCodeSentTo(email: string): Promise<string | null> {
  const [mail] = await db
    .select({ text: emailOutbox.text, template: emailOutbox.template })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, email))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  if (!mail || mail.template !== "verification-code") return null;
  return mail.text?.match(/\b(\d{6})\b/)?.[1] ?? null;
}

export async function templatesSentTo(email: string): Promise<string[]> {
  const rows = await db
    .select({ template: emailOutbox.template })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, email))
    .orderBy(emailOutbox.createdAt);
  return rows.map((r) => r.template);
}

let cachedHash: string | undefined;

export async function createParent(email: string, password = strongPassword) {
  const passwordHash = password === strongPassword ? (cachedHash ??= await hashPassword(password)) : await hashPassword(password);
  const [row] = await db
    .insert(parentAccounts)
    .values({ email, passwordHash, emailVerifiedAt: new Date() })
    .returning();
  return row!;
}

/** Associates a parent with a student by matching, as the parent would type the record's own values. */
export async function associateByRecord(
  parent: { id: string; email: string },
  student: Pick<Student, "boardId" | "lastName" | "firstName" | "birthDate" | "fiche">,
  client: { ip: string | null; userAgent: string | null } = { ip: "192.0.2.1", userAgent: "vitest" },
) {
  return associateByMatch({
    parentAccountId: parent.id,
    accountEmail: parent.email,
    boardId: student.boardId,
    lastName: student.lastName,
    firstName: student.firstName,
    birthDate: student.birthDate,
    identifier: student.fiche,
    ...client,
  });
}
