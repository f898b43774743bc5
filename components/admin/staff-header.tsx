// The back-office header: who is signed in, in which role and scope, and the staff navigation. Its links are not
// prefetched: every back-office page is rendered per request and none has a loading boundary, so each page view had
// the server render a dozen sections, queries included, that were mostly never opened.
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";
import { SignOutButton } from "@/components/sign-out-button";
import type { StaffContext } from "@/db/queries/staff";
import { mayImportRecords } from "@/lib/auth/permissions";
import { mayReadRegister } from "@/lib/privacy/incident-rules";
import { canAdministerStaff } from "@/lib/staff/admin-rules";

export async function StaffHeader({ context, boardName }: { context: StaffContext; boardName: string | null }) {
  const t = await getTranslations("admin.nav");
  const staffNav = await getTranslations("staffAdmin.nav");
  const { staff, scope, schoolNames } = context;
  const where =
    scope.kind === "all" ? t("scopeAll") : scope.kind === "board" ? (boardName ?? "") : schoolNames.join(", ") || t("scopeNone");
  return (
    <header className="site-header staff-header">
      <div className="inner">
        <StaffLink href="/admin" className="brand">
          {t("brand")}
        </StaffLink>
        <nav aria-label={t("label")}>
          <StaffLink href="/admin/eleves">{t("students")}</StaffLink>
          <StaffLink href="/admin/demandes">{t("tickets")}</StaffLink>
          <StaffLink href="/admin/tentatives">{t("attempts")}</StaffLink>
          <StaffLink href="/admin/comptes">{t("accounts")}</StaffLink>
          <StaffLink href="/admin/journal">{t("journal")}</StaffLink>
          <StaffLink href="/admin/chiffres">{t("figures")}</StaffLink>
          <StaffLink href="/admin/incidents">{t("incidents")}</StaffLink>
          {mayReadRegister(staff.role) && <StaffLink href="/admin/conservation">{t("retention")}</StaffLink>}
          {mayImportRecords(staff.role) && <StaffLink href="/admin/import">{t("import")}</StaffLink>}
          {canAdministerStaff(staff) && <StaffLink href="/admin/personnel">{staffNav("personnel")}</StaffLink>}
          <StaffLink href="/admin/securite">{staffNav("security")}</StaffLink>
        </nav>
        <div className="row staff-identity">
          <span>
            <strong>{staff.name}</strong> · {t(`roles.${staff.role}`)} · <span className="muted">{where}</span>
          </span>
          <LanguageSwitch />
          <SignOutButton callbackUrl="/admin/connexion?deconnecte=1" />
        </div>
      </div>
    </header>
  );
}
