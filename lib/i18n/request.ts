import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { localeCookie, timeZone, toLocale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(localeCookie)?.value);
  return { locale, messages: messagesFor(locale), timeZone };
});
