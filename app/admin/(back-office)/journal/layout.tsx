// Audit journal page: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function JournalLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffJournal">{children}</ClientMessages>;
}
