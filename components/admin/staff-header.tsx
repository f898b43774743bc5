// The back-office header: who is signed in, in which role and scope, and the staff navigation.
import Link from "next/link";
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
        <Link href="/admin" className="brand">
          {t("brand")}
        </Link>
        <nav aria-label={t("label")}>
          <Link href="/admin/eleves">{t("students")}</Link>
          <Link href="/admin/demandes">{t("tickets")}</Link>
          <Link href="/admin/tentatives">{t("attempts")}</Link>
          <Link href="/admin/comptes">{t("accounts")}</Link>
          <Link href="/admin/journal">{t("journal")}</Link>
          <Link href="/admin/chiffres">{t("figures")}</Link>
          <Link href="/admin/incidents">{t("incidents")}</Link>
          {mayReadRegister(staff.role) && <Link href="/admin/conservation">{t("retention")}</Link>}
          {mayImportRecords(staff.role) && <Link href="/admin/import">{t("import")}</Link>}
          {canAdministerStaff(staff) && <Link href="/admin/personnel">{staffNav("personnel")}</Link>}
          <Link href="/admin/securite">{staffNav("security")}</Link>
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
