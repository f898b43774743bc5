"use client";
// Shows a staff action's error (or the step-up prompt when the action needs a fresh second factor): keys of "admin.errors" first, then of the shared "errors" namespace.
import { useTranslations } from "next-intl";
import { StepUpPrompt } from "@/components/admin/step-up-prompt";
import type { ActionResult } from "@/lib/safe-action";

export function ActionAlert({ result }: { result: ActionResult<unknown> | null }) {
  const own = useTranslations("admin.errors");
  const shared = useTranslations("errors");
  if (!result || result.ok || !result.error) return null;
  if (result.error === "stepUpRequired") return <StepUpPrompt reason={String(result.params?.reason ?? "")} passkey={Boolean(result.params?.passkey)} />;
  const key = result.error;
  const text = own.has(key as never)
    ? own(key as never, result.params as never)
    : shared.has(key as never)
      ? shared(key as never, result.params as never)
      : shared("unexpected");
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}
