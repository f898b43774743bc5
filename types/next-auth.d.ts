import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; subject: "parent" | "staff"; email: string };
    /** Set when the session could not be checked (database unreachable): an outage, not a sign-out. */
    unavailable?: boolean;
  }
  interface User {
    id: string;
    subject: "parent" | "staff";
    sessionId: string;
    email: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    subject?: "parent" | "staff";
    sid?: string;
  }
}
