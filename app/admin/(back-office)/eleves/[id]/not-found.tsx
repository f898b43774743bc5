import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";

export default async function StudentNotFound() {
  const t = await getTranslations("admin.student");
  return (
    <main id="main" className="container stack">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFound")}</p>
      <p>
        <StaffLink href="/admin/eleves">{t("backToSearch")}</StaffLink>
      </p>
    </main>
  );
}
