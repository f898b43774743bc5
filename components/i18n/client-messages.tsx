// The message provider of one area of the app: its client components receive only the catalog paths listed for
// the area (lib/i18n/client-namespaces.ts), not the whole catalog, which would otherwise be serialised into every
// page. A provider replaces the one above it: an area's list covers everything rendered under its layout.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientNamespaces, pickMessages, type ClientArea } from "@/lib/i18n/client-namespaces";

export async function ClientMessages({ area, children }: { area: ClientArea; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(await getMessages(), clientNamespaces[area])}>{children}</NextIntlClientProvider>;
}
