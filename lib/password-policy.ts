// Password rules (configurable): a minimum length and a number of character classes out of four.
// Pure, so the form's live checklist and the server apply exactly the same rule.

export type PasswordPolicy = { minLength: number; minClasses: number; maxLength: number };

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 12, minClasses: 3, maxLength: 128 };

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
