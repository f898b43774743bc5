// The "privacyEmail" catalog namespace for the privacy and own-account emails, in the recipient's locale.
import { createTranslator } from "next-intl";
import { timeZone, type Locale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";

export function privacyEmailTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "privacyEmail", timeZone });
}
