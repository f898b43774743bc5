// next-auth configuration: password sign-in for parents and staff (and Microsoft Entra ID for staff when
// configured). The JWT only carries a server-side session id; every request re-checks that session.
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import AzureADProvider from "next-auth/providers/azure-ad";
import { openSession, recordAuthEvent, revokeSession, signInWithPassword, touchSession, type Subject } from "@/db/queries/auth";
import { findStaffByEmail } from "@/db/queries/staff";
import { markSecondFactor, markStaffSignedIn } from "@/db/queries/staff-security";
import { verifyPasskeyAssertion } from "@/db/queries/staff-passkeys";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/db/client";
import { clientAddressFromChain } from "@/lib/client-ip";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validations/auth";
import { isServiceUnavailable } from "@/lib/service-availability";

/** Tokens whose session could not be checked because the database did not answer (an outage, not a sign-out). */
const uncheckedTokens = new WeakSet<object>();

/** Error codes passed back to the sign-in forms through next-auth's `error` string. */
export const signInErrors = { invalid: "invalid", throttled: "throttled", unavailable: "unavailable" } as const;

type RequestLike = { headers?: Record<string, string | string[] | undefined> | Headers };

function header(req: RequestLike | undefined, name: string): string | null {
  const headers = req?.headers;
  if (!headers) return null;
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export function clientOf(req: RequestLike | undefined, trustedHops: number = env.TRUSTED_PROXY_HOPS) {
  const ip = clientAddressFromChain(header(req, "x-forwarded-for"), trustedHops);
  return { ip, userAgent: header(req, "user-agent")?.slice(0, 500) ?? null };
}

function passwordProvider(subject: Subject) {
  return CredentialsProvider({
    id: subject,
    name: subject,
    credentials: { email: { type: "email" }, password: { type: "password" } },
    async authorize(credentials, req): Promise<User | null> {
      const parsed = signInSchema.safeParse(credentials);
      if (!parsed.success) throw new Error(signInErrors.invalid);
      const result = await signInWithPassword({ subject, ...parsed.data, ...clientOf(req as RequestLike) }).catch((error: unknown) => {
        if (isServiceUnavailable(error)) throw new Error(signInErrors.unavailable);
        throw error;
      });
      if (!result.ok) {
        throw new Error(result.reason === "throttled" ? `${signInErrors.throttled}:${result.retryAfterSeconds}` : signInErrors.invalid);
      }
      return { id: result.userId, subject, sessionId: result.sessionId, email: parsed.data.email };
    },
  });
}

/** Passkey sign-in for staff: the WebAuthn assertion (user verification required) stands for both factors. */
const staffPasskeyProvider = CredentialsProvider({
  id: "staff-passkey",
  name: "staff-passkey",
  credentials: { response: { type: "text" } },
  async authorize(credentials, req): Promise<User | null> {
    let response: unknown;
    try {
      response = JSON.parse(String(credentials?.response ?? ""));
    } catch {
      throw new Error(signInErrors.invalid);
    }
    if (!response || typeof response !== "object") throw new Error(signInErrors.invalid);
    const client = clientOf(req as RequestLike);
    const result = await verifyPasskeyAssertion(response as AuthenticationResponseJSON, client);
    if (!result.ok) throw new Error(signInErrors.invalid);
    const sessionId = await openSession(db, { subject: "staff", userId: result.staffUserId, ...client });
    await markSecondFactor(db, sessionId, result.staffUserId, "passkey");
    await markStaffSignedIn(result.staffUserId);
    return { id: result.staffUserId, subject: "staff", sessionId, email: result.email };
  },
});

const entraConfigured = Boolean(env.ENTRA_CLIENT_ID && env.ENTRA_CLIENT_SECRET && env.ENTRA_TENANT_ID);

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: env.SESSION_ABSOLUTE_HOURS * 3600 },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [
    passwordProvider("parent"),
    passwordProvider("staff"),
    staffPasskeyProvider,
    ...(entraConfigured
      ? [
          AzureADProvider({
            clientId: env.ENTRA_CLIENT_ID!,
            clientSecret: env.ENTRA_CLIENT_SECRET!,
            tenantId: env.ENTRA_TENANT_ID!,
          }),
        ]
      : []),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "azure-ad") return true;
      // Entra ID vouches for the identity; access still requires an active staff account with that email.
      const email = user.email?.toLowerCase() ?? "";
      const staff = email ? await findStaffByEmail(email) : null;
      await recordAuthEvent(db, { subject: "staff", kind: "signin-entra", email, success: Boolean(staff && !staff.disabledAt), ip: null, userAgent: null });
      if (!staff || staff.disabledAt) return "/admin/connexion?error=invalid";
      user.id = staff.id;
      user.subject = "staff";
      user.sessionId = await openSession(db, { subject: "staff", userId: staff.id, ip: null, userAgent: null });
      // Staff signed in through Entra ID rely on the identity provider's MFA: the session starts verified.
      await markSecondFactor(db, user.sessionId, staff.id, "entra");
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.subject = user.subject;
        token.sid = user.sessionId;
        return token;
      }
      // Throwing makes next-auth clear the cookie: the session was revoked, idle too long or too old.
      // A database that does not answer ends nothing: the token is kept, and the session is marked unchecked.
      if (!token.sid) throw new Error("session ended");
      let alive: boolean;
      try {
        alive = await touchSession(token.sid);
      } catch (error) {
        if (!isServiceUnavailable(error)) throw error;
        uncheckedTokens.add(token);
        return token;
      }
      if (!alive) throw new Error("session ended");
      return token;
    },
    async session({ session, token }) {
      session.user = { id: token.uid!, subject: token.subject!, email: token.email ?? "" };
      if (uncheckedTokens.has(token)) session.unavailable = true;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await revokeSession(token.sid);
    },
  },
  logger: {
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR") return; // an ended session, already handled
      console.error("[next-auth]", code, metadata);
    },
    warn() {},
    debug() {},
  },
};
