// Whether a failure means "the database cannot be reached right now" (an outage) rather than a bug or a refusal.
// An outage must never read as a sign-out or a wrong answer: pages show "service temporarily unavailable" with a
// retry, actions return the `serviceUnavailable` error so forms keep what was typed.

/** Thrown where a check could not be made because the database did not answer (e.g. the session check). */
export class ServiceUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("service temporarily unavailable", options);
    this.name = "ServiceUnavailableError";
  }
}

/** The driver's own connection failures (postgres.js) and the socket errors under them. */
const CONNECTION_ERROR_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs a server (or a pooler in front of it) sends while it cannot serve: class 08 (connection exception),
 * 57P01–57P03 (shutting down, crashed, starting up), 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";
}

export function isServiceUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (current instanceof ServiceUnavailableError) return true;
    if (typeof current !== "object") return false;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
