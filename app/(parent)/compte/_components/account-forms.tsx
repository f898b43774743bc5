"use client";
// The forms of /compte: email change (two steps), password change, signing out other sessions, deleting the account.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import {
  changePasswordAction,
  confirmEmailChangeAction,
  deleteAccountAction,
  requestEmailChangeAction,
  signOutOthersAction,
} from "@/app/(parent)/compte/actions";
import { PasswordChecklist } from "@/components/parent/password-checklist";
import { TextField } from "@/components/ui/text-field";
import type { PasswordPolicy } from "@/lib/password-policy";
import type { ActionResult } from "@/lib/safe-action";
import { codeSchema, type CodeInput } from "@/lib/validations/auth";
import {
  accountDeletionSchema,
  emailChangeRequestSchema,
  passwordChangeSchema,
  type AccountDeletionInput,
  type EmailChangeRequestInput,
  type PasswordChangeInput,
} from "@/lib/validations/own-account";

/** An action's error: "account.errors" first, then the shared "errors". */
function AccountAlert({ result }: { result: ActionResult<unknown> | null }) {
  const own = useTranslations("account.errors");
  const shared = useTranslations("errors");
  if (!result || result.ok || !result.error) return null;
  const key = result.error;
  const text = own.has(key as never)
    ? own(key as never)
    : shared.has(key as never)
      ? shared(key as never, result.params as never)
      : shared("unexpected");
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}

function fieldErrors(result: ActionResult<unknown> | null, name: string, client?: string): string[] | undefined {
  if (client) return [client];
  return result && !result.ok ? result.fieldErrors?.[name] : undefined;
}

export function EmailChangeForm() {
  const t = useTranslations("account.email");
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const request = useForm<EmailChangeRequestInput>({ resolver: zodResolver(emailChangeRequestSchema), defaultValues: { newEmail: "", password: "" } });
  const confirm = useForm<CodeInput>({ resolver: zodResolver(codeSchema), defaultValues: { code: "" } });
  const send = request.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await requestEmailChangeAction(values);
      setResult(outcome);
      if (outcome.ok) setSentTo(outcome.data.newEmail);
    }),
  );
  const check = confirm.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await confirmEmailChangeAction(values);
      setResult(outcome);
      if (outcome.ok) {
        setChanged(outcome.data.email);
        setSentTo(null);
        router.refresh();
      }
    }),
  );
  if (changed) {
    return (
      <p className="alert alert-ok" role="status">
        {t("changed", { email: changed })}
      </p>
    );
  }
  if (sentTo) {
    return (
      <form method="post" onSubmit={check} noValidate className="stack" aria-label={t("confirm")}>
        <p className="alert alert-info" role="status">
          {t("codeSent", { email: sentTo })}
        </p>
        <AccountAlert result={result} />
        <TextField label={t("code")} inputMode="numeric" autoComplete="one-time-code" errors={fieldErrors(result, "code", confirm.formState.errors.code?.message)} {...confirm.register("code")} />
        <div>
          <button type="submit" disabled={pending}>
            {t("confirm")}
          </button>
        </div>
      </form>
    );
  }
  return (
    <form method="post" onSubmit={send} noValidate className="stack" aria-label={t("title")}>
      <AccountAlert result={result} />
      <TextField label={t("newEmail")} type="email" autoComplete="email" errors={fieldErrors(result, "newEmail", request.formState.errors.newEmail?.message)} {...request.register("newEmail")} />
      <TextField label={t("password")} type="password" autoComplete="current-password" errors={fieldErrors(result, "password", request.formState.errors.password?.message)} {...request.register("password")} />
      <div>
        <button type="submit" disabled={pending}>
          {t("send")}
        </button>
      </div>
    </form>
  );
}

export function PasswordChangeForm({ policy }: { policy: PasswordPolicy }) {
  const t = useTranslations("account.password");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<PasswordChangeInput>({
    resolver: zodResolver(passwordChangeSchema(policy)),
    defaultValues: { currentPassword: "", password: "", confirmation: "" },
  });
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await changePasswordAction(values);
      setResult(outcome);
      if (outcome.ok) {
        form.reset();
        router.refresh();
      }
    }),
  );
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  return (
    <form method="post" onSubmit={submit} noValidate className="stack" aria-label={t("title")}>
      <AccountAlert result={result} />
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {t("changed")}
        </p>
      )}
      <TextField label={t("current")} type="password" autoComplete="current-password" errors={fieldErrors(result, "currentPassword", errors.currentPassword?.message)} {...form.register("currentPassword")} />
      <TextField label={t("new")} type="password" autoComplete="new-password" errors={fieldErrors(result, "password", errors.password?.message)} {...form.register("password")} />
      <TextField label={t("confirm")} type="password" autoComplete="new-password" errors={fieldErrors(result, "confirmation", errors.confirmation?.message)} {...form.register("confirmation")} />
      <PasswordChecklist password={form.watch("password") ?? ""} confirmation={form.watch("confirmation") ?? ""} policy={policy} />
      <div>
        <button type="submit" disabled={pending}>
          {t("submit")}
        </button>
      </div>
    </form>
  );
}

export function SignOutOthersButton() {
  const t = useTranslations("account.sessions");
  const router = useRouter();
  const [ended, setEnded] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="stack">
      {ended !== null && (
        <p className="alert alert-ok" role="status">
          {t("signedOut", { count: ended })}
        </p>
      )}
      <div>
        <button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const outcome = await signOutOthersAction();
              if (outcome.ok) {
                setEnded(outcome.data.ended);
                router.refresh();
              }
            })
          }
        >
          {t("signOutOthers")}
        </button>
      </div>
    </div>
  );
}

export function DeleteAccountForm() {
  const t = useTranslations("account.delete");
  const tErrors = useTranslations("account.errors");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<AccountDeletionInput>({ resolver: zodResolver(accountDeletionSchema), defaultValues: { password: "", confirmWord: "" } });
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await deleteAccountAction(values);
      setResult(outcome);
      // The account's sessions are gone: end this browser's too.
      if (outcome.ok) await signOut({ callbackUrl: "/connexion?compte=supprime" });
    }),
  );
  const wordError = fieldErrors(result, "confirmWord", form.formState.errors.confirmWord?.message);
  return (
    <form method="post" onSubmit={submit} noValidate className="stack" aria-label={t("title")}>
      <AccountAlert result={result} />
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {t("done")}
        </p>
      )}
      <TextField label={t("password")} type="password" autoComplete="current-password" errors={fieldErrors(result, "password", form.formState.errors.password?.message)} {...form.register("password")} />
      <div className="field">
        <label htmlFor="delete-confirm-word">{t("confirmWord")}</label>
        <input id="delete-confirm-word" autoComplete="off" aria-invalid={Boolean(wordError) || undefined} {...form.register("confirmWord")} />
        {wordError && (
          <span className="error" role="alert">
            {tErrors("confirmWord")}
          </span>
        )}
      </div>
      <div>
        <button type="submit" className="danger" disabled={pending}>
          {t("submit")}
        </button>
      </div>
    </form>
  );
}
