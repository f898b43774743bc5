// The back-office header: who is signed in, in which role and scope, and the staff navigation. Its links are not
// prefetched: every back-office page is rendered per request and none has a loading boundary, so each page view had
// the server render a dozen sections, queries included, that were mostly never opened.
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
        <Link prefetch={false} href="/admin" className="brand">
          {t("brand")}
        </Link>
        <nav aria-label={t("label")}>
          <Link prefetch={false} href="/admin/eleves">{t("students")}</Link>
          <Link prefetch={false} href="/admin/demandes">{t("tickets")}</Link>
          <Link prefetch={false} href="/admin/tentatives">{t("attempts")}</Link>
          <Link prefetch={false} href="/admin/comptes">{t("accounts")}</Link>
          <Link prefetch={false} href="/admin/journal">{t("journal")}</Link>
          <Link prefetch={false} href="/admin/chiffres">{t("figures")}</Link>
          <Link prefetch={false} href="/admin/incidents">{t("incidents")}</Link>
          {mayReadRegister(staff.role) && <Link prefetch={false} href="/admin/conservation">{t("retention")}</Link>}
          {mayImportRecords(staff.role) && <Link prefetch={false} href="/admin/import">{t("import")}</Link>}
          {canAdministerStaff(staff) && <Link prefetch={false} href="/admin/personnel">{staffNav("personnel")}</Link>}
          <Link prefetch={false} href="/admin/securite">{staffNav("security")}</Link>
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
