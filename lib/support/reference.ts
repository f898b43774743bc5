// A ticket's public reference ("D-000123"), named in every email and screen about it.
export function formatTicketReference(number: number): string {
  return `D-${String(number).padStart(6, "0")}`;
}

/** The ticket number in a reference typed or quoted anywhere (an email subject, a search box); null if none. */
export function parseTicketReference(text: string): number | null {
  const match = /\bD-(\d{1,9})\b/i.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}
