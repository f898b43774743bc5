import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccessLinkPage } from "@/app/admin/connexion/_components/access-link-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staffSecurity.link"))("resetTitle"), referrer: "no-referrer" };
}

export default async function StaffPasswordResetPage({ params }: { params: Promise<{ token: string }> }) {
  return <AccessLinkPage kind="password_reset" token={(await params).token} />;
}
