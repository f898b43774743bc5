// Privacy incident pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function IncidentsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffIncidents">{children}</ClientMessages>;
}
