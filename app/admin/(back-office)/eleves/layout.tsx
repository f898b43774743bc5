// Student search page: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function StudentsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffStudents">{children}</ClientMessages>;
}
