// Reading the session in pages and actions: the real guard (the proxy only redirects early).
import { cache } from "react";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { loadStaffContext, type StaffContext } from "@/db/queries/staff";
import { findParentAccount } from "@/db/queries/parent-accounts";
import { ServiceUnavailableError } from "@/lib/service-availability";

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

export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const session = await auth();
  if (session?.user.subject !== "staff") return null;
  return loadStaffContext(session.user.id);
});

export async function requireStaff(): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect((await hadSession()) ? "/admin/connexion?session=terminee" : "/admin/connexion");
  return staff;
}
