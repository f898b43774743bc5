// Zod schemas of the parent's own-account forms (/compte), shared by the forms and the server actions.
// Messages are catalog keys of "validation" (and "account.errors" for the confirmation word).
import { z } from "zod";
import { codeSchema, emailSchema, newPasswordSchema } from "@/lib/validations/auth";
import type { PasswordPolicy } from "@/lib/password-policy";

const currentPassword = z.string({ error: "required" }).min(1, "required").max(1024, "passwordTooLong");

export const emailChangeRequestSchema = z.object({ newEmail: emailSchema, password: currentPassword });
export type EmailChangeRequestInput = z.input<typeof emailChangeRequestSchema>;

export const emailChangeConfirmSchema = codeSchema;

export function passwordChangeSchema(policy: PasswordPolicy) {
  return z.object({ currentPassword }).and(newPasswordSchema(policy));
}
export type PasswordChangeInput = z.input<ReturnType<typeof passwordChangeSchema>>;

/** The word typed to confirm a deletion, in either language. */
export const DELETE_WORDS = ["SUPPRIMER", "DELETE"] as const;

export const accountDeletionSchema = z.object({
  password: currentPassword,
  confirmWord: z
    .string({ error: "required" })
    .trim()
    .refine((word) => (DELETE_WORDS as readonly string[]).includes(word.toUpperCase()), "confirmWord"),
});
export type AccountDeletionInput = z.input<typeof accountDeletionSchema>;
