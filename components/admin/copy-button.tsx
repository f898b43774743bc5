"use client";
// Copies a value to the clipboard and says so.
import { useState } from "react";
import { useTranslations } from "next-intl";

export function CopyButton({ value, label }: { value: string; label?: string }) {
  const t = useTranslations("admin.copy");
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
    >
      <span aria-live="polite">{copied ? t("copied") : (label ?? t("copy"))}</span>
    </button>
  );
}
