// A student's record page: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function StudentRecordLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffStudentRecord">{children}</ClientMessages>;
}
