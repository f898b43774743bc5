// Password rules: a minimum and maximum length and, optionally, a number of character classes out of four.
// The default follows ASVS 5.0 (6.2.1, 6.2.5) and NIST SP 800-63B: 12 characters, no composition rule; the
// strength and common/breached-password check is lib/password-strength.ts. A board may ask for classes (the
// guides' rule is 3 of 4): the rule applied is the strictest of the platform's and the boards' that concern
// the account. Pure, so the form's live checklist and the server apply exactly the same rule.

export type PasswordPolicy = { minLength: number; minClasses: number; maxLength: number };

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 12, minClasses: 0, maxLength: 128 };

/** The school guides' rule, a board setting (school_boards.password_min_classes = 3). */
export const guidesPasswordPolicy: PasswordPolicy = { minLength: 12, minClasses: 3, maxLength: 128 };

export const PASSWORD_CLASS_COUNT = 4;

/** The platform's policy made stricter by the boards' composition rules (classes required), never looser. */
export function withBoardRules(platform: PasswordPolicy, boardMinClasses: readonly number[]): PasswordPolicy {
  const minClasses = Math.min(PASSWORD_CLASS_COUNT, Math.max(platform.minClasses, ...boardMinClasses));
  return { ...platform, minClasses };
}

export type PasswordClass = "lower" | "upper" | "digit" | "symbol";

export function passwordClasses(password: string): PasswordClass[] {
  const found: PasswordClass[] = [];
  if (/\p{Ll}/u.test(password)) found.push("lower");
  if (/\p{Lu}/u.test(password)) found.push("upper");
  if (/\p{Nd}/u.test(password)) found.push("digit");
  if (/[^\p{L}\p{Nd}\s]|\s/u.test(password)) found.push("symbol");
  return found;
}

export type PasswordProblem = "tooShort" | "tooLong" | "tooFewClasses";

export function passwordProblems(password: string, policy: PasswordPolicy): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push("tooShort");
  if (length > policy.maxLength) problems.push("tooLong");
  if (passwordClasses(password).length < policy.minClasses) problems.push("tooFewClasses");
  return problems;
}
