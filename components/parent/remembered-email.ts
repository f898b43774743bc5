"use client";
// The address a parent just created an account (or reset a password) for, kept in this tab only, so the sign-in
// page that follows is filled in for them. Never put in the URL (it would land in history and server logs).
const KEY = "portail.connexion.courriel";

export function rememberEmail(email: string) {
  try {
    window.sessionStorage.setItem(KEY, email);
  } catch {
    // Storage refused: the parent types the address, as before.
  }
}

export function rememberedEmail(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetEmail() {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}
