// Message catalogs: one JSON file per namespace and language under messages/<locale>/.
import type { Locale } from "@/lib/i18n/locale";
import frCommon from "@/lib/i18n/messages/fr/common.json";
import enCommon from "@/lib/i18n/messages/en/common.json";
import frEmail from "@/lib/i18n/messages/fr/email.json";
import enEmail from "@/lib/i18n/messages/en/email.json";
import frMailbox from "@/lib/i18n/messages/fr/mailbox.json";
import enMailbox from "@/lib/i18n/messages/en/mailbox.json";
import frAssociation from "@/lib/i18n/messages/fr/association.json";
import enAssociation from "@/lib/i18n/messages/en/association.json";

const catalogs = {
  fr: { ...frCommon, ...frEmail, ...frMailbox, ...frAssociation },
  en: { ...enCommon, ...enEmail, ...enMailbox, ...enAssociation },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof catalogs)["fr"];

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale] as Messages;
}
