// Every back-office page: signed-in staff only (the proxy redirects earlier; this is the guard).
import { ClientMessages } from "@/components/i18n/client-messages";
import { StaffHeader } from "@/components/admin/staff-header";
import { boardNameOfScope } from "@/db/queries/scope-schools";
import { requireStaff } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function BackOfficeLayout({ children }: { children: React.ReactNode }) {
  const context = await requireStaff();
  const boardName = await boardNameOfScope(context.scope);
  return (
    <ClientMessages area="backOffice">
      <StaffHeader context={context} boardName={boardName} />
      {children}
    </ClientMessages>
  );
}
