"use client";
// Errors of the second-factor and staff administration forms: "staffSecurity.errors", then "staffAdmin.errors",
// then the shared catalogs; the step-up prompt when a fresh second factor is needed.
import { useTranslations } from "next-intl";
import { StepUpPrompt } from "@/components/admin/step-up-prompt";
import type { ActionResult } from "@/lib/safe-action";

export function useSecurityErrorText() {
  const security = useTranslations("staffSecurity.errors");
  const admin = useTranslations("staffAdmin.errors");
  const staff = useTranslations("admin.errors");
  const shared = useTranslations("errors");
  return (key: string, params?: Record<string, string | number>) =>
    security.has(key as never)
      ? security(key as never, params as never)
      : admin.has(key as never)
        ? admin(key as never, params as never)
        : staff.has(key as never)
          ? staff(key as never, params as never)
          : shared.has(key as never)
            ? shared(key as never, params as never)
            : shared("unexpected");
}

export function SecurityAlert({ result }: { result: ActionResult<unknown> | null }) {
  const text = useSecurityErrorText();
  if (!result || result.ok || !result.error) return null;
  if (result.error === "stepUpRequired") return <StepUpPrompt reason={String(result.params?.reason ?? "")} passkey={Boolean(result.params?.passkey)} />;
  return (
    <div className="alert alert-error" role="alert">
      {text(result.error, result.params)}
    </div>
  );
}
