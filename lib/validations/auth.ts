// Zod schemas of the account forms, shared by the react-hook-form resolver and the server actions.
// Messages are catalog keys in the "validation" namespace, translated where they are shown.
import { z } from "zod";
import { cleanCodeInput, CODE_LENGTH } from "@/lib/verification-code";
import { passwordProblems, type PasswordPolicy } from "@/lib/password-policy";

/** RFC 5322 "atext" local part (letters of any script allowed, as with SMTPUTF8) and a dotted domain name. */
const emailPattern =
  /^(?!\.)(?!.*\.\.)[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

export const emailSchema = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(254, "emailTooLong")
  .pipe(z.email({ pattern: emailPattern, error: "emailInvalid" }))
  .transform((email) => email.toLowerCase());

export const requestCodeSchema = z.object({ email: emailSchema });

export const codeSchema = z.object({
  code: z
    .string({ error: "required" })
    .max(64, "codeInvalid")
    .transform(cleanCodeInput)
    .pipe(z.string().regex(new RegExp(`^\\d{${CODE_LENGTH}}$`), "codeInvalid")),
});

export function newPasswordSchema(policy: PasswordPolicy) {
  return z
    .object({
      password: z.string({ error: "required" }).max(1024, "passwordTooLong"),
      confirmation: z.string({ error: "required" }).max(1024, "passwordTooLong"),
    })
    .superRefine(({ password, confirmation }, ctx) => {
      for (const problem of passwordProblems(password, policy)) {
        ctx.addIssue({ code: "custom", path: ["password"], message: `password.${problem}` });
      }
      if (password !== confirmation) {
        ctx.addIssue({ code: "custom", path: ["confirmation"], message: "passwordMismatch" });
      }
    });
}

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "required" }).min(1, "required").max(1024, "passwordTooLong"),
});

export type RequestCodeInput = z.input<typeof requestCodeSchema>;
export type CodeInput = z.input<typeof codeSchema>;
export type NewPasswordInput = z.input<ReturnType<typeof newPasswordSchema>>;
export type SignInInput = z.input<typeof signInSchema>;
