import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";

export default async function AccountNotFound() {
  const t = await getTranslations("adminAccounts");
  return (
    <main id="main" className="container stack">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      <p>
        <StaffLink href="/admin/comptes">{t("backToSearch")}</StaffLink>
      </p>
    </main>
  );
}
