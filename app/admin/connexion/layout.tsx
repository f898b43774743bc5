// Staff sign-in, second factor and invitation pages: their client components' messages only.
import { ClientMessages } from "@/components/i18n/client-messages";

export default function StaffSignInLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages area="staffSignIn">{children}</ClientMessages>;
}
