// Own sign-in security page: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function SecurityLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffSecurity">{children}</ClientMessages>;
}
