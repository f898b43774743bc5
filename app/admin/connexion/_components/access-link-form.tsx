"use client";
// Choosing one's own password from an invitation or reset link.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { completeAccessLinkAction } from "@/app/admin/connexion/actions";
import { PasswordChecklist } from "@/components/parent/password-checklist";
import { SecurityAlert } from "@/components/admin/security-alert";
import { TextField } from "@/components/ui/text-field";
import type { PasswordPolicy } from "@/lib/password-policy";
import type { ActionResult } from "@/lib/safe-action";
import { newPasswordSchema, type NewPasswordInput } from "@/lib/validations/auth";

type Props = { kind: "invitation" | "password_reset"; token: string; email: string; policy: PasswordPolicy };

export function AccessLinkForm({ kind, token, email, policy }: Props) {
  const t = useTranslations("auth.password");
  const own = useTranslations("staffSecurity.link");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<NewPasswordInput>({ resolver: zodResolver(newPasswordSchema(policy)), defaultValues: { password: "", confirmation: "" } });
  const password = form.watch("password");
  const confirmation = form.watch("confirmation");
  const serverErrors = (name: string, client?: string) => (client ? [client] : result && !result.ok ? result.fieldErrors?.[name] : undefined);
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await completeAccessLinkAction(kind, token, values);
      setResult(outcome);
      if (outcome.ok) router.push(`/admin/connexion?${kind === "invitation" ? "active=1" : "motdepasse=change"}`);
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <SecurityAlert result={result && !result.ok && result.error !== "invalidInput" ? result : null} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={t("label")}
        type="password"
        autoComplete="new-password"
        aria-describedby="password-rules"
        errors={serverErrors("password", form.formState.errors.password?.message)}
        {...form.register("password")}
      />
      <TextField
        label={t("confirmation")}
        type="password"
        autoComplete="new-password"
        errors={serverErrors("confirmation", form.formState.errors.confirmation?.message)}
        {...form.register("confirmation")}
      />
      <PasswordChecklist password={password} confirmation={confirmation} policy={policy} />
      <button type="submit" disabled={pending}>
        {own("save")}
      </button>
    </form>
  );
}
