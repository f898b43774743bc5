// What each staff role may do beyond reading its scope. The scope (lib/auth/scope.ts) says which records a staff
// member sees; these rules say which changes they make. A privacy officer reads their whole board to investigate
// incidents but changes no record: no NIPs, guardian emails, fiches sent, account actions or imports. Ending
// an association stays open to every role: it is how an officer contains an incident.
import type { StaffRole } from "@/db/schema";

/** Issue or revoke a NIP, fix a guardian email, send a fiche, start a password reset, lift a lockout, work support tickets. */
export function mayActOnRecords(role: StaffRole): boolean {
  return role !== "privacy_officer";
}

/** Import student record files (the board scope still limits which board). */
export function mayImportRecords(role: StaffRole): boolean {
  return role === "admin" || role === "board_support";
}
