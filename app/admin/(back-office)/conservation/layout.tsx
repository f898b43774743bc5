// Retention settings pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function RetentionLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffRetention">{children}</ClientMessages>;
}
