// Association attempts pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function AttemptsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffAttempts">{children}</ClientMessages>;
}
