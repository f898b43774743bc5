"use client";
// Shows an action's error (a key of the "errors" namespace) in the user's language, and takes focus when it appears.
import { useTranslations } from "next-intl";
import { useFocusWhenShown } from "@/components/ui/focus-on-failure";
import type { ActionResult } from "@/lib/safe-action";

export function FormAlert({ result }: { result: ActionResult<unknown> | null }) {
  const t = useTranslations("errors");
  const ref = useFocusWhenShown<HTMLDivElement>(result && !result.ok ? result : null);
  if (!result || result.ok || !result.error) return null;
  const params = { ...result.params };
  if (result.retryAfterSeconds !== undefined) {
    params.seconds = result.retryAfterSeconds;
    params.minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  }
  const key = t.has(result.error as never) ? result.error : "unexpected";
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      {t(key as never, params as never)}
    </div>
  );
}
