// The one shape every server action returns, and the helper that validates its input with the form's schema.
import type { z } from "zod";
import { isServiceUnavailable } from "@/lib/service-availability";

/** Errors are catalog keys: `error` in the "errors" namespace, field errors in "validation". */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error?: string;
      /** ICU parameters of the error message. */
      params?: Record<string, string | number>;
      fieldErrors?: Record<string, string[]>;
      retryAfterSeconds?: number;
    };

export type Parsed<S extends z.ZodType> = { ok: true; data: z.output<S> } | { ok: false; result: ActionResult<never> };

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, result: { ok: false, error: "invalidInput", fieldErrors } };
}

export function failure(error: string, extra: Omit<Extract<ActionResult, { ok: false }>, "ok" | "error"> = {}) {
  return { ok: false as const, error, ...extra };
}

export function success<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

/**
 * Runs an action's work; a database that does not answer becomes the `serviceUnavailable` error instead of an
 * exception, so the form stays on screen with what was typed and can be sent again.
 */
export async function unlessUnavailable<R extends ActionResult<unknown>>(work: () => Promise<R>): Promise<R | ActionResult<never>> {
  try {
    return await work();
  } catch (error) {
    if (isServiceUnavailable(error)) return failure("serviceUnavailable");
    throw error;
  }
}
