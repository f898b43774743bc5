"use client";
// The support request form: the portal fills in the address, the browser and the section it knows.
import { useEffect, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { sendSupportRequestAction } from "@/app/(parent)/aide/actions";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/safe-action";
import { supportRequestSchema, supportSections, type SupportRequestInput } from "@/lib/validations/support";

export function SupportForm({ email, section }: { email: string | null; section?: string }) {
  const t = useTranslations("help.form");
  const tv = useTranslations("validation");
  const [result, setResult] = useState<ActionResult<{ reference: string }> | null>(null);
  const [pending, startTransition] = useTransition();
  const initialSection = supportSections.find((s) => s === section) ?? "other";
  const form = useForm<SupportRequestInput>({
    resolver: zodResolver(supportRequestSchema),
    defaultValues: { email: email ?? "", section: initialSection, message: "", childName: "", errorMessage: "", browser: "" },
  });
  useEffect(() => form.setValue("browser", navigator.userAgent.slice(0, 300)), [form]);
  const errors = form.formState.errors;
  const fieldError = (name: keyof SupportRequestInput) => {
    const client = errors[name]?.message;
    if (client) return [client];
    return result && !result.ok ? result.fieldErrors?.[name] : undefined;
  };
  if (result?.ok) {
    return (
      <div className="alert alert-ok" role="status">
        {t("sent", { reference: result.data.reference })}
      </div>
    );
  }
  const submit = form.handleSubmit((values) => startTransition(async () => setResult(await sendSupportRequestAction(values))));
  return (
    <form onSubmit={submit} noValidate className="stack">
      <FormAlert result={result} />
      <TextField label={t("email")} type="email" autoComplete="email" readOnly={Boolean(email)} errors={fieldError("email")} {...form.register("email")} />
      <div className="field">
        <label htmlFor="support-section">{t("section")}</label>
        <select id="support-section" {...form.register("section")}>
          {supportSections.map((s) => (
            <option key={s} value={s}>
              {t(`sections.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField label={t("childName")} hint={t("childNameHint")} maxLength={120} errors={fieldError("childName")} {...form.register("childName")} />
      <TextField label={t("errorMessage")} hint={t("errorMessageHint")} maxLength={500} errors={fieldError("errorMessage")} {...form.register("errorMessage")} />
      <div className="field">
        <label htmlFor="support-message">{t("message")}</label>
        <textarea id="support-message" rows={5} maxLength={4000} aria-invalid={Boolean(fieldError("message")) || undefined} {...form.register("message")} />
        {fieldError("message") && (
          <span className="error" role="alert">
            {fieldError("message")!.map((k) => (tv.has(k as never) ? tv(k as never) : tv("invalid"))).join(" ")}
          </span>
        )}
      </div>
      <TextField label={t("browser")} hint={t("browserHint")} maxLength={300} errors={fieldError("browser")} {...form.register("browser")} />
      <p className="muted">{t("screenshot")}</p>
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
