"use client";
// The staff member's passkeys: add one (named), rename, remove.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { startRegistration } from "@simplewebauthn/browser";
import { useFormatter, useTranslations } from "next-intl";
import {
  passkeyRegistrationOptionsAction,
  registerPasskeyAction,
  removePasskeyAction,
  renamePasskeyAction,
} from "@/components/admin/passkey-actions";
import { SecurityAlert } from "@/components/admin/security-alert";
import type { ActionResult } from "@/lib/safe-action";

export type PasskeyRow = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

function PasskeyItem({ passkey }: { passkey: PasskeyRow }) {
  const t = useTranslations("staffSecurity.passkeys");
  const format = useFormatter();
  const router = useRouter();
  const [name, setName] = useState(passkey.name);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult>) =>
    startTransition(async () => {
      const outcome = await action();
      setResult(outcome);
      if (outcome.ok) router.refresh();
    });
  return (
    <li className="stack" data-testid="passkey">
      <div className="row">
        <label className="sr-only" htmlFor={`passkey-${passkey.id}`}>
          {t("nameLabel")}
        </label>
        <input id={`passkey-${passkey.id}`} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} style={{ width: "auto" }} />
        <button type="button" className="secondary" disabled={pending || name.trim() === passkey.name} onClick={() => run(() => renamePasskeyAction({ id: passkey.id, name }))}>
          {t("rename")}
        </button>
        <button type="button" className="danger" disabled={pending} onClick={() => run(() => removePasskeyAction({ id: passkey.id }))}>
          {t("remove")}
        </button>
      </div>
      <span className="muted">
        {t("added", { date: format.dateTime(new Date(passkey.createdAt), { dateStyle: "medium" }) })}
        {passkey.lastUsedAt && ` · ${t("lastUsed", { date: format.dateTime(new Date(passkey.lastUsedAt), { dateStyle: "medium", timeStyle: "short" }) })}`}
      </span>
      <SecurityAlert result={result} />
    </li>
  );
}

export function PasskeyList({ passkeys }: { passkeys: PasskeyRow[] }) {
  const t = useTranslations("staffSecurity.passkeys");
  const router = useRouter();
  const [name, setName] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const add = () =>
    startTransition(async () => {
      const options = await passkeyRegistrationOptionsAction();
      if (!options.ok) return setResult(options);
      try {
        const response = await startRegistration({ optionsJSON: options.data });
        const outcome = await registerPasskeyAction({ response, name });
        setResult(outcome);
        if (outcome.ok) {
          setName("");
          router.refresh();
        }
      } catch {
        setResult({ ok: false, error: "passkeyFailed" });
      }
    });
  return (
    <div className="stack">
      {passkeys.length === 0 ? <p>{t("none")}</p> : <ul className="stack">{passkeys.map((p) => <PasskeyItem key={p.id} passkey={p} />)}</ul>}
      {result?.ok && (
        <div className="alert alert-ok" role="status">
          {t("addedNow")}
        </div>
      )}
      <SecurityAlert result={result} />
      <div className="field">
        <label htmlFor="new-passkey-name">{t("newName")}</label>
        <span id="new-passkey-name-hint" className="hint">
          {t("newNameHint")}
        </span>
        <input id="new-passkey-name" aria-describedby="new-passkey-name-hint" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="button" disabled={pending || name.trim() === ""} onClick={add}>
        {t("add")}
      </button>
    </div>
  );
}
