// Reading the session in pages and actions: the real guard (the proxy only redirects early).
import { cache } from "react";
import { getServerSession } from "next-auth";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { loadStaffContext, type StaffContext } from "@/db/queries/staff";
import { findParentAccount } from "@/db/queries/parent-accounts";
import { ServiceUnavailableError } from "@/lib/service-availability";
import { env } from "@/lib/env";
import { pendingSignInStep } from "@/lib/staff/second-factor";

/**
 * One session read per request. A session that could not be checked (the database did not answer) throws
 * ServiceUnavailableError: the page shows "service temporarily unavailable", never "your session ended".
 */
export const auth = cache(async () => {
  const session = await getServerSession(authOptions);
  if (session?.unavailable) throw new ServiceUnavailableError();
  return session;
});

export const currentParent = cache(async () => {
  const session = await auth();
  if (session?.user.subject !== "parent") return null;
  const account = await findParentAccount(session.user.id);
  return account && !account.disabledAt ? account : null;
});

/** A session cookie that no longer opens a session: it ended (idle, too old, or revoked). */
async function hadSession() {
  const jar = await cookies();
  return jar.has("next-auth.session-token") || jar.has("__Secure-next-auth.session-token");
}

export async function requireParent() {
  const parent = await currentParent();
  if (!parent) redirect((await hadSession()) ? "/connexion?session=terminee" : "/connexion");
  return parent;
}

/** The server-side session id the JWT carries (never exposed to the browser's session object). */
export const currentSessionId = cache(async (): Promise<string | null> => {
  const jar = await cookies();
  const raw = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  if (!raw) return null;
  const token = await decode({ token: raw, secret: env.NEXTAUTH_SECRET }).catch(() => null);
  return typeof token?.sid === "string" ? token.sid : null;
});

/** The signed-in staff member whether or not the second factor is done yet (the sign-in steps' own pages). */
export const currentStaffSigningIn = cache(async (): Promise<StaffContext | null> => {
  const session = await auth();
  if (session?.user.subject !== "staff") return null;
  return loadStaffContext(session.user.id, await currentSessionId());
});

/** A staff member fully signed in: password, then a second factor when they have one or their role requires it. */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const context = await currentStaffSigningIn();
  return context && pendingSignInStep(context) === null ? context : null;
});

export async function requireStaff(): Promise<StaffContext> {
  const staff = await currentStaff();
  if (staff) return staff;
  const signingIn = await currentStaffSigningIn();
  const step = signingIn ? pendingSignInStep(signingIn) : null;
  if (step === "verify") redirect("/admin/connexion/verification");
  if (step === "enrol") redirect("/admin/connexion/double-authentification");
  redirect((await hadSession()) ? "/admin/connexion?session=terminee" : "/admin/connexion");
}
