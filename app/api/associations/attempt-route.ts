// The association form's two requests (by matching, by NIP) as route handlers. A server action did this before; a
// route handler answers the same result with less of Next.js's work per request (no action routing and no React
// Flight streams for a 0.7 KB answer). It checks what the action got from Next.js or did itself: the origin (CSRF),
// the body's size, the input with the form's own schema, the session, and an outage answers serviceUnavailable.
import type { z } from "zod";
import type { AttemptAnswer } from "@/app/(parent)/associer/_components/send-attempt";
import { parentView, type AssociateOutcome } from "@/db/queries/associations";
import { parentSignInPath } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { bodyLimits, payloadTooLarge, readBodyWithin } from "@/lib/http/body-limit";
import { isSameOrigin } from "@/lib/http/same-origin";
import { requestClientOf, type RequestClient } from "@/lib/request-client";
import { parseInput, unlessUnavailable } from "@/lib/safe-action";

function answer(result: AttemptAnswer | { ok: false; error: string }, status = 200): Response {
  return Response.json(result, { status, headers: { "cache-control": "no-store" } });
}

function statusOf(result: AttemptAnswer): number {
  if (result.ok) return 200;
  if (result.error === "sessionEnded") return 401;
  if (result.error === "serviceUnavailable") return 503;
  if (result.error === "invalidInput") return 400;
  return 200; // a refused attempt is an answer, recorded with its diagnosis
}

/** `associate` checks the session as well: null when it has ended (or the account is disabled). */
export function attemptRoute<S extends z.ZodType>(
  schema: S,
  associate: (input: z.output<S>, client: RequestClient) => Promise<AssociateOutcome | null>,
) {
  return async function POST(request: Request): Promise<Response> {
    if (!isSameOrigin(request.headers, env.APP_URL)) return answer({ ok: false, error: "forbidden" }, 403);
    if (!request.headers.get("content-type")?.startsWith("application/json")) {
      return answer({ ok: false, error: "unsupportedMediaType" }, 415);
    }
    const body = await readBodyWithin(request, bodyLimits.associationAttempt);
    if (body === null) return payloadTooLarge(bodyLimits.associationAttempt);
    let input: unknown;
    try {
      input = JSON.parse(new TextDecoder().decode(body));
    } catch {
      input = undefined; // refused by the schema below, as invalid input
    }
    const result: AttemptAnswer = await unlessUnavailable(async (): Promise<AttemptAnswer> => {
      const parsed = parseInput(schema, input);
      if (!parsed.ok) return parsed.result;
      const outcome = await associate(parsed.data, requestClientOf(request.headers));
      if (!outcome) return { ok: false, error: "sessionEnded", redirectTo: await parentSignInPath() };
      const view = parentView(outcome);
      return view.ok ? { ok: true, data: { firstName: view.firstName, schoolName: view.schoolName } } : { ok: false, error: view.messageKey };
    });
    return answer(result, statusOf(result));
  };
}
