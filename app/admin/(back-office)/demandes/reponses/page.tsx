import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { SavedReplyForm } from "@/app/admin/(back-office)/demandes/reponses/_components/saved-reply-form";
import { boardOptions } from "@/db/queries/figures";
import { savedRepliesInScope } from "@/db/queries/support-desk";
import { requireStaff } from "@/lib/auth/session";
import { savedReplyPlaceholders } from "@/lib/support/saved-reply";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("supportDesk.saved"))("title") };
}

export default async function SavedRepliesPage() {
  const { scope } = await requireStaff();
  const t = await getTranslations("supportDesk.saved");
  const [replies, boards] = await Promise.all([savedRepliesInScope(scope), scope.kind === "all" ? boardOptions() : Promise.resolve([])]);
  const mayEdit = scope.kind !== "schools";
  return (
    <main id="main" className="container-wide stack">
      <p>
        <StaffLink href="/admin/demandes">{t("back")}</StaffLink>
      </p>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro", { placeholders: savedReplyPlaceholders.map((p) => `{${p}}`).join(", ") })}</p>
      {replies.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="stack">
          {replies.map((reply) => (
            <li key={reply.id} className="card stack">
              <p>
                <strong>{reply.title}</strong> <span className="muted small">({reply.boardName ?? t("allBoards")} · {reply.locale.toUpperCase()})</span>
              </p>
              <p className="message-body small">{reply.body}</p>
              {mayEdit && (scope.kind === "all" || reply.boardId !== null) && <SavedReplyForm mode="delete" id={reply.id} />}
            </li>
          ))}
        </ul>
      )}
      {mayEdit && <SavedReplyForm mode="create" boards={boards} />}
    </main>
  );
}
