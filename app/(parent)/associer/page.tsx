import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AssociateForm } from "@/app/(parent)/associer/_components/associate-form";
import { boardsForPicker } from "@/db/queries/associations";
import { requireParent } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("associate"))("title") };
}

/** ?organisme=<board id>&prenom=<first name> pre-fill the form (from "My children"); ?nip=oui opens the NIP path. */
type Search = { organisme?: string; prenom?: string; nip?: string };

export default async function AssociatePage({ searchParams }: { searchParams: Promise<Search> }) {
  const parent = await requireParent();
  const boards = await boardsForPicker();
  const search = await searchParams;
  const boardId = boards.some((b) => String(b.id) === search.organisme) ? search.organisme! : "";
  const firstName = typeof search.prenom === "string" ? search.prenom.trim().slice(0, 100) : "";
  return (
    <main id="main" className="container">
      <AssociateForm
        boards={boards}
        accountEmail={parent.email}
        initial={{ boardId, firstName, mode: search.nip === "oui" ? "nip" : "match" }}
      />
    </main>
  );
}
