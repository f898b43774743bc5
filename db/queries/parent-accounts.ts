// Parent accounts: creation at the end of the sign-up flow, password reset, lookups.
import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { parentAccounts } from "@/db/schema";
import { revokeParentSessions } from "@/db/queries/auth";
import { consumeVerifiedFlow, type FlowHandle } from "@/db/queries/verification-codes";
import { enqueueEmail } from "@/lib/email/outbox";
import type { Locale } from "@/lib/i18n/locale";
import { hashPassword } from "@/lib/password-hash";

export async function findParentAccountByEmail(email: string, executor: Executor = db) {
  const [row] = await executor.select().from(parentAccounts).where(eq(parentAccounts.email, email));
  return row ?? null;
}

export type FlowOutcome = { ok: true } | { ok: false; reason: "notVerified" | "expired" };

/**
 * Ends a verified sign-up flow by creating the account. If an account appeared for the address meanwhile,
 * nothing is overwritten and the outcome is the same (the owner was already told by email).
 */
export async function completeSignup(flow: FlowHandle, password: string, locale: Locale): Promise<FlowOutcome> {
  const passwordHash = await hashPassword(password);
  const result = await consumeVerifiedFlow(flow, "signup", async (tx, email, signupBoardId) => {
    await tx
      .insert(parentAccounts)
      .values({ email, passwordHash, signupBoardId, emailVerifiedAt: new Date(), locale })
      .onConflictDoNothing({ target: parentAccounts.email });
  });
  return result.ok ? { ok: true } : result;
}

/** Ends a verified reset flow: new password, every session of the account ended, a notice sent. */
export async function completePasswordReset(flow: FlowHandle, password: string, locale: Locale): Promise<FlowOutcome> {
  const passwordHash = await hashPassword(password);
  const result = await consumeVerifiedFlow(flow, "reset", async (tx, email) => {
    const [account] = await tx
      .update(parentAccounts)
      .set({ passwordHash })
      .where(eq(parentAccounts.email, email))
      .returning({ id: parentAccounts.id, locale: parentAccounts.locale });
    if (!account) return;
    await revokeParentSessions(tx, account.id);
    await enqueueEmail(tx, { to: email, template: "password-changed", locale, params: {} });
  });
  return result.ok ? { ok: true } : result;
}
