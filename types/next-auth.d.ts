import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; subject: "parent" | "staff"; email: string };
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
