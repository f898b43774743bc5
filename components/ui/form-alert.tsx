"use client";
// Shows an action's error (a key of the "errors" namespace) in the user's language.
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/safe-action";

export function FormAlert({ result }: { result: ActionResult<unknown> | null }) {
  const t = useTranslations("errors");
  if (!result || result.ok || !result.error) return null;
  const params = { ...result.params };
  if (result.retryAfterSeconds !== undefined) {
    params.seconds = result.retryAfterSeconds;
    params.minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  }
  const key = t.has(result.error as never) ? result.error : "unexpected";
  return (
    <div className="alert alert-error" role="alert">
      {t(key as never, params as never)}
    </div>
  );
}
