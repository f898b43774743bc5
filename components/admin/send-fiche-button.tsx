"use client";
// "Send the fiche number": for a parent who lost it, to one of the addresses already on the record (picked from
// the record's list: nobody types an address here, so the number cannot go to whoever is on the phone).
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { sendFicheAction } from "@/app/admin/(back-office)/eleves/[id]/send-fiche";
import { AccountActionAlert } from "@/components/admin/account-action-alert";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/safe-action";

type RecordEmail = { id: number; email: string };

export function SendFicheButton({ studentId, guardianEmails }: { studentId: number; guardianEmails: RecordEmail[] }) {
  const t = useTranslations("adminAccounts.fiche");
  if (guardianEmails.length === 0) return <p className="muted">{t("noEmail")}</p>;
  return (
    <Dialog trigger={t("button")} triggerClassName="secondary" title={t("title")} closeLabel={t("close")}>
      {(close) => <SendFicheForm studentId={studentId} guardianEmails={guardianEmails} onClose={close} />}
    </Dialog>
  );
}

function SendFicheForm({ studentId, guardianEmails, onClose }: { studentId: number; guardianEmails: RecordEmail[]; onClose: () => void }) {
  const t = useTranslations("adminAccounts.fiche");
  const [chosen, setChosen] = useState<number>(guardianEmails[0]!.id);
  const [result, setResult] = useState<ActionResult<{ sentTo: string }> | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => setResult(await sendFicheAction({ studentId, guardianEmailId: chosen })));
  };
  if (result?.ok) {
    return (
      <div className="stack">
        <p className="alert alert-ok" role="status">
          {t("sent", { email: result.data.sentTo })}
        </p>
        <button type="button" onClick={onClose}>
          {t("close")}
        </button>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={submit} className="stack">
      <p>{t("explain")}</p>
      <AccountActionAlert result={result} />
      <fieldset className="stack">
        <legend>{t("recipient")}</legend>
        {guardianEmails.map((e) => (
          <label key={e.id} className="choice">
            <input type="radio" name="guardianEmailId" value={e.id} checked={chosen === e.id} onChange={() => setChosen(e.id)} />
            <span className="mono">{e.email}</span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="submit" disabled={pending}>
          {t("submit")}
        </button>
        <button type="button" className="secondary" onClick={onClose} disabled={pending}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
