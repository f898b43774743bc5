"use client";
// The three steps shared by sign-up and password reset: email → 6-digit code → new password.
// The server holds the state (cookie + database); each step refreshes the page to show the next one.
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useTranslations } from "next-intl";
import {
  requestCodeAction,
  resendCodeAction,
  restartFlowAction,
  setPasswordAction,
  verifyCodeAction,
} from "@/app/(parent)/_code-flow/actions";
import { Countdown, useSecondsLeft } from "@/components/ui/countdown";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { PasswordChecklist } from "@/components/parent/password-checklist";
import type { EmailDelivery } from "@/lib/email/delivery-state";
import { rememberEmail } from "@/components/parent/remembered-email";
import type { PasswordPolicy } from "@/lib/password-policy";
import type { ActionResult } from "@/lib/safe-action";
import {
  codeSchema,
  newPasswordSchema,
  requestCodeSchema,
  type CodeInput,
  type NewPasswordInput,
  type RequestCodeInput,
} from "@/lib/validations/auth";

export type FlowStep =
  | { step: "email"; notice?: "expired" | "locked" }
  | { step: "code"; email: string; expiresAt: string; resendAvailableAt: string; delivery: EmailDelivery }
  | { step: "password"; email: string };

type Purpose = "signup" | "reset";

/** `policy`: the rule the server resolved for this flow; `boardCode`: the board whose link opened the sign-up. */
export function CodeFlow({ purpose, state, policy, boardCode }: { purpose: Purpose; state: FlowStep; policy: PasswordPolicy; boardCode?: string }) {
  if (state.step === "email") return <EmailStep purpose={purpose} notice={state.notice} boardCode={boardCode} />;
  if (state.step === "code") return <CodeStep purpose={purpose} {...state} />;
  return <PasswordStep purpose={purpose} email={state.email} policy={policy} />;
}

function fieldErrors(result: ActionResult<unknown> | null, name: string, clientMessage?: string) {
  if (clientMessage) return [clientMessage];
  return result && !result.ok ? result.fieldErrors?.[name] : undefined;
}

function EmailStep({ purpose, notice, boardCode }: { purpose: Purpose; notice?: "expired" | "locked"; boardCode?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<RequestCodeInput>({ resolver: zodResolver(requestCodeSchema), defaultValues: { email: "" } });
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await requestCodeAction(purpose, values, boardCode);
      setResult(outcome);
      if (outcome.ok) router.refresh();
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      {notice && <div className="alert alert-warn">{t(notice === "locked" ? "code.locked" : "code.expired")}</div>}
      <FormAlert result={result} />
      <TextField
        label={t("signup.emailLabel")}
        hint={purpose === "signup" ? t("signup.emailHint") : undefined}
        type="email"
        autoComplete="email"
        inputMode="email"
        maxLength={254}
        errors={fieldErrors(result, "email", form.formState.errors.email?.message)}
        {...form.register("email")}
      />
      <button type="submit" disabled={pending}>
        {t("signup.requestCode")}
      </button>
    </form>
  );
}

/** While the email has not left, the page asks the server again this often (the outbox retries every 5–60 s). */
const DELIVERY_POLL_MS = 5_000;

function CodeStep({
  purpose,
  email,
  expiresAt,
  resendAvailableAt,
  delivery,
}: {
  purpose: Purpose;
  email: string;
  expiresAt: string;
  resendAvailableAt: string;
  delivery: EmailDelivery;
}) {
  const t = useTranslations("auth.code");
  const td = useTranslations("codeDelivery");
  const format = useFormatter();
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [resent, setResent] = useState(false);
  const [pending, startTransition] = useTransition();
  const resendIn = useSecondsLeft(resendAvailableAt);
  const waiting = delivery === "sending" || delivery === "delayed";
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), DELIVERY_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, router]);
  const form = useForm<CodeInput>({ resolver: zodResolver(codeSchema), defaultValues: { code: "" } });

  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await verifyCodeAction(purpose, values);
      setResult(outcome);
      if (outcome.ok || outcome.error === "codeLocked" || outcome.error === "flowExpired") router.refresh();
    }),
  );
  const resend = () =>
    startTransition(async () => {
      const outcome = await resendCodeAction(purpose);
      setResult(outcome.ok ? null : outcome);
      setResent(outcome.ok);
      form.reset();
      router.refresh();
    });
  const restart = () =>
    startTransition(async () => {
      await restartFlowAction(purpose);
      router.refresh();
    });

  return (
    <div className="stack">
      <p>{t("sentTo", { email })}</p>
      {delivery === "delayed" ? (
        <div className="alert alert-warn" role="status" data-testid="code-email-delayed">
          {td("delayed")}
        </div>
      ) : delivery === "failed" ? (
        <div className="alert alert-error" role="alert" data-testid="code-email-failed">
          {td("failed")}
        </div>
      ) : (
        <p data-testid="code-valid-for">
          {t.rich("validFor", {
            time: format.dateTime(new Date(expiresAt), { hour: "2-digit", minute: "2-digit" }),
            remaining: () => <Countdown until={expiresAt} onDone={() => router.refresh()} />,
          })}
        </p>
      )}
      <p className="muted">{t("keepPage")}</p>
      <p className="muted">{t("spam")}</p>
      {resent && (
        <div className="alert alert-ok" role="status">
          {t("resent")}
        </div>
      )}
      <FormAlert result={result} />
      <form method="post" onSubmit={submit} noValidate className="stack">
        <TextField
          label={t("label")}
          hint={t("hint")}
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={64}
          errors={fieldErrors(result, "code", form.formState.errors.code?.message)}
          {...form.register("code")}
        />
        <button type="submit" disabled={pending}>
          {t("verify")}
        </button>
      </form>
      <div className="row">
        <button type="button" className="secondary" onClick={resend} disabled={pending || resendIn > 0}>
          {resendIn > 0 ? t("resendIn", { seconds: resendIn }) : t("resend")}
        </button>
        <button type="button" className="link" onClick={restart} disabled={pending}>
          {t("otherEmail")}
        </button>
      </div>
    </div>
  );
}

function PasswordStep({ purpose, email, policy }: { purpose: Purpose; email: string; policy: PasswordPolicy }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const [visible, setVisible] = useState(false);
  const form = useForm<NewPasswordInput>({
    resolver: zodResolver(newPasswordSchema(policy)),
    defaultValues: { password: "", confirmation: "" },
  });
  const password = form.watch("password");
  const confirmation = form.watch("confirmation");
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await setPasswordAction(purpose, values);
      setResult(outcome);
      if (outcome.ok) rememberEmail(email);
      if (outcome.ok) router.push(purpose === "signup" ? "/connexion?compte=cree" : "/connexion?motdepasse=change");
      else if (outcome.error === "flowExpired") router.refresh();
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <div className="alert alert-ok" role="status">
        {t("code.verified")} {email}
      </div>
      <h2>{t("password.title")}</h2>
      <FormAlert result={result} />
      {/* Lets password managers save the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={t("password.label")}
        type={visible ? "text" : "password"}
        autoComplete="new-password"
        aria-describedby="password-rules"
        errors={fieldErrors(result, "password", form.formState.errors.password?.message)}
        {...form.register("password")}
      />
      <TextField
        label={t("password.confirmation")}
        type={visible ? "text" : "password"}
        autoComplete="new-password"
        errors={fieldErrors(result, "confirmation", form.formState.errors.confirmation?.message)}
        {...form.register("confirmation")}
      />
      <label className="row">
        <input type="checkbox" style={{ width: "auto", minHeight: "auto" }} checked={visible} onChange={(e) => setVisible(e.target.checked)} />
        {t("password.show")}
      </label>
      <PasswordChecklist password={password} confirmation={confirmation} policy={policy} />
      <button type="submit" disabled={pending}>
        {t("password.save")}
      </button>
    </form>
  );
}
