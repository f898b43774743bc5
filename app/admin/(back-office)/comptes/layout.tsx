// Parent accounts pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function AccountsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffAccounts">{children}</ClientMessages>;
}
