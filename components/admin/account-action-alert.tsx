"use client";
// The error of an account or fiche action: keys of "adminAccounts.errors" first, then the back-office's and the
// shared ones, so a new reason never shows a raw key.
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/safe-action";

export function AccountActionAlert({ result }: { result: ActionResult<unknown> | null }) {
  const own = useTranslations("adminAccounts.errors");
  const admin = useTranslations("admin.errors");
  const shared = useTranslations("errors");
  if (!result || result.ok || !result.error) return null;
  const key = result.error as never;
  const params = { seconds: result.retryAfterSeconds ?? 0, ...result.params } as never;
  const text = own.has(key)
    ? own(key, params)
    : admin.has(key)
      ? admin(key, params)
      : shared.has(key)
        ? shared(key, params)
        : shared("unexpected");
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}
