// The "email" catalog namespace outside React: templates render in the recipient's locale, not the request's.
import { createTranslator } from "next-intl";
import { timeZone, type Locale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";

export function emailTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "email", timeZone });
}

export type EmailTranslator = ReturnType<typeof emailTranslator>;

/** "23 novembre 2026 à 14 h 05" / "November 23, 2026 at 2:05 p.m.", always in the schools' time zone. */
export function formatEmailDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(date);
}
