// Staff administration pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function PersonnelLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffPersonnel">{children}</ClientMessages>;
}
