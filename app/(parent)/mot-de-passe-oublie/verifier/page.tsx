import { LinkPage } from "@/app/(parent)/_code-flow/link-page";

export const dynamic = "force-dynamic";

export default async function ResetLinkPage({ searchParams }: { searchParams: Promise<{ jeton?: string; invalide?: string }> }) {
  const { jeton, invalide } = await searchParams;
  return <LinkPage purpose="reset" token={jeton} invalid={Boolean(invalide)} />;
}
