// Record import pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function ImportLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffImport">{children}</ClientMessages>;
}
