// Server-side password check: the resolved policy plus zxcvbn with French and English dictionaries, which refuses
// common, breached and guessable passwords (ASVS 5.0 6.2.4 and 6.2.11, NIST SP 800-63B 3.1.1.2): its common
// dictionary holds the most frequent passwords of public breach corpora, and its patterns catch a known word with
// digits, keyboard runs, repeats and dates. Kept off the client: the dictionaries are large.
import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import * as fr from "@zxcvbn-ts/language-fr";
import { passwordProblems, type PasswordPolicy, type PasswordProblem } from "@/lib/password-policy";

/** Minimum estimated guesses (log10). zxcvbn's score 3 starts at 8, which still lets "Motdepasse123!" and
 *  "Tremblay2015!" through; 9 refuses a dictionary word plus a year or a keyboard run. */
const MIN_GUESSES_LOG10 = 9;

let factory: ZxcvbnFactory | undefined;
function strengthChecker(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
  });
  return factory;
}

export type StrengthProblem = PasswordProblem | "tooCommon";

/** Problems of a new password under `policy`; `userInputs` (email, its local part, a name) count as guessable words. */
export function newPasswordProblems(password: string, policy: PasswordPolicy, userInputs: string[] = []): StrengthProblem[] {
  const problems: StrengthProblem[] = passwordProblems(password, policy);
  if (problems.length > 0) return problems;
  if (strengthChecker().check(password, userInputs).guessesLog10 < MIN_GUESSES_LOG10) problems.push("tooCommon");
  return problems;
}
