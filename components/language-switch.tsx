"use client";
// FR/EN switch: stores the choice in a cookie and re-renders the page in that language.
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLocaleAction } from "@/lib/i18n/locale-actions";

export function LanguageSwitch() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const other = locale === "fr" ? "en" : "fr";
  return (
    <button
      type="button"
      className="link"
      lang={other}
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await setLocaleAction(other);
          router.refresh();
        })
      }
    >
      {t("language")}
    </button>
  );
}
