// Reading the session in pages and actions: the real guard (the proxy only redirects early).
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { touchParentSession, type Subject } from "@/db/queries/auth";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { openStaffSession, type StaffContext } from "@/db/queries/staff";
import { isServiceUnavailable, ServiceUnavailableError } from "@/lib/service-availability";
import { pendingSignInStep } from "@/lib/staff/second-factor";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The session cookie's value; next-auth splits a long one into numbered chunks. */
function sessionToken(jar: Awaited<ReturnType<typeof cookies>>): string | null {
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name)?.value;
    if (whole) return whole;
    const chunks = jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length > 0) return chunks.map((c) => c.value).join("");
  }
  return null;
}

/**
 * One session read per request: the JWT names a server-side session that must still be open (the same check as
 * the jwt callback in lib/auth/options.ts), read with the account it belongs to. Read here rather than through
 * getServerSession, which runs next-auth's whole handler and encodes a new JWT on every call only to drop it.
 * A session that could not be checked (the database did not answer) throws ServiceUnavailableError: the page shows
 * "service temporarily unavailable", never "your session ended".
 */
export const currentParent = cache(async () => {
  const jwt = await sessionClaims();
  if (jwt?.subject !== "parent") return null;
  const account = await unlessDatabaseDown(() => touchParentSession(jwt.sid, jwt.uid));
  return account && !account.disabledAt ? account : null;
});

/** The session cookie's claims, once per request; whether the session is still open is for the database to say. */
const sessionClaims = cache(async () => {
  const token = sessionToken(await cookies());
  if (!token) return null;
  const jwt = decodeSessionToken({ token, secret: env.NEXTAUTH_SECRET });
  if (typeof jwt?.sid !== "string" || typeof jwt.uid !== "string" || !jwt.subject) return null;
  return { sid: jwt.sid, uid: jwt.uid, subject: jwt.subject as Subject, email: typeof jwt.email === "string" ? jwt.email : "" };
});

/**
 * A parent session's ids from its cookie, not yet checked: for a caller that checks the session in its own
 * transaction (db/queries/associations.ts: associateByMatchInSession). Everyone else uses currentParent.
 */
export async function parentSessionClaims(): Promise<{ sessionId: string; parentAccountId: string } | null> {
  const jwt = await sessionClaims();
  return jwt?.subject === "parent" ? { sessionId: jwt.sid, parentAccountId: jwt.uid } : null;
}

/** A session check the database could not answer is an outage, never a sign-out. */
async function unlessDatabaseDown<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (isServiceUnavailable(error)) throw new ServiceUnavailableError({ cause: error });
    throw error;
  }
}

/** A session cookie that no longer opens a session: it ended (idle, too old, or revoked). */
async function hadSession() {
  const jar = await cookies();
  return jar.has("next-auth.session-token") || jar.has("__Secure-next-auth.session-token");
}

/** Where a parent without an open session signs in: told that the session ended when the browser still had one. */
export async function parentSignInPath(): Promise<string> {
  return (await hadSession()) ? "/connexion?session=terminee" : "/connexion";
}

export async function requireParent() {
  const parent = await currentParent();
  if (!parent) redirect(await parentSignInPath());
  return parent;
}

/** The server-side session id the JWT carries (never exposed to the browser's session object). */
export const currentSessionId = cache(async (): Promise<string | null> => (await sessionClaims())?.sid ?? null);

/** The signed-in staff member whether or not the second factor is done yet (the sign-in steps' own pages). */
export const currentStaffSigningIn = cache(async (): Promise<StaffContext | null> => {
  const jwt = await sessionClaims();
  if (jwt?.subject !== "staff") return null;
  return unlessDatabaseDown(() => openStaffSession(jwt.sid, jwt.uid));
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
