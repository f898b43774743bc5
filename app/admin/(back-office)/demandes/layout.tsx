// Support desk pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function TicketsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffTickets">{children}</ClientMessages>;
}
