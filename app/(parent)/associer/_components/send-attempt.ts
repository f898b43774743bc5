// The association form's requests: the attempt goes to its route handler (app/api/associations/*) as JSON.
import type { ActionResult } from "@/lib/safe-action";

/** After a success, the child now associated; after a failure, `error` is a key of the "association" namespace. */
export type AssociatedChildData = { firstName: string; schoolName: string };

/** The session ended meanwhile: the parent signs in again at `redirectTo`. */
export type SessionEnded = { ok: false; error: "sessionEnded"; redirectTo: string };

export type AttemptAnswer = ActionResult<AssociatedChildData> | SessionEnded;

export const attemptPaths = { match: "/api/associations/match", nip: "/api/associations/nip" } as const;

/** The route's answer; no answer at all (the network, the server) reads as the service being unavailable. */
export async function sendAttempt(path: (typeof attemptPaths)[keyof typeof attemptPaths], values: unknown): Promise<AttemptAnswer> {
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(values),
    });
    return (await response.json()) as AttemptAnswer;
  } catch {
    return { ok: false, error: "serviceUnavailable" };
  }
}
