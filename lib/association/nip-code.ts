// NIP codes: generation from an alphabet without look-alike characters, clean-up of what the parent types, display.
import { randomInt } from "node:crypto";

/** No 0/O, 1/I/L: a NIP is read aloud over the phone or copied from a screen. */
export const NIP_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 31^8 ≈ 8.5 × 10^11 (39 bits): far beyond what an attempt limit lets anyone try within a NIP's few minutes. */
export const NIP_LENGTH = 8;

export function generateNip(): string {
  let nip = "";
  for (let i = 0; i < NIP_LENGTH; i++) nip += NIP_ALPHABET[randomInt(NIP_ALPHABET.length)];
  return nip;
}

/**
 * " abcd-efgh " → "ABCDEFGH". Spaces and hyphens (from the displayed form or copy-paste) are dropped; a character
 * outside the alphabet gives null rather than a guess, since 0/O and 1/I/L never appear in a NIP.
 */
export function normalizeNip(raw: string): string | null {
  const value = raw.normalize("NFKC").replace(/[\s\-‐‑–—]+/gu, "").toUpperCase();
  if (value.length !== NIP_LENGTH) return null;
  return [...value].every((c) => NIP_ALPHABET.includes(c)) ? value : null;
}

/** "ABCDEFGH" → "ABCD-EFGH": two groups of four are easier to read and to type. */
export function formatNip(nip: string): string {
  return `${nip.slice(0, 4)}-${nip.slice(4)}`;
}
